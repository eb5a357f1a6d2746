package io.github.selectcolor.launcher;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.embedded.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.embedded.netty.NettyRouteProvider;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Keeps the collector and the HDFS sink on Netty, as they run alone: the Connect worker in the same
 * process brings Jetty, which Spring Boot would otherwise prefer. Wired as Spring Boot wires its
 * own Netty factory, with the applications' route providers and customizers.
 */
@Configuration(proxyBeanMethods = false)
class NettyWebServer {

  @Bean
  NettyReactiveWebServerFactory nettyReactiveWebServerFactory(
      ObjectProvider<ReactorResourceFactory> resourceFactory,
      ObjectProvider<NettyRouteProvider> routes,
      ObjectProvider<NettyServerCustomizer> customizers) {
    NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory();
    resourceFactory.ifAvailable(factory::setResourceFactory);
    routes.orderedStream().forEach(factory::addRouteProviders);
    factory.getServerCustomizers().addAll(customizers.orderedStream().toList());
    return factory;
  }
}
