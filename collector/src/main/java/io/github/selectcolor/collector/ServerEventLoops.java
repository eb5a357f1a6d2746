package io.github.selectcolor.collector;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.netty.resources.LoopResources;

/**
 * Gives the web server event loops of its own, where Spring Boot would use Reactor Netty's
 * JVM-wide ones. Stopping the collector disposes the loops its server runs on, and Netty closes
 * every channel of a loop the moment the loop begins to shut down. On the JVM-wide loops those
 * channels include the connections of every other Reactor Netty client and server in the process
 * (the other parts of the local pipeline, a test's client), whose last answers may not have been
 * read yet; the server's stop also disposes the JVM-wide client pool's connections to its port.
 * With loops of its own, stopping the collector closes only the collector's connections, after
 * its graceful shutdown.
 */
@Configuration(proxyBeanMethods = false)
class ServerEventLoops {

  static final String THREAD_PREFIX = "collector-http";

  @Bean
  ReactorResourceFactory reactorServerResourceFactory() {
    ReactorResourceFactory factory = new ReactorResourceFactory();
    factory.setUseGlobalResources(false);
    factory.setLoopResourcesSupplier(() -> LoopResources.create(THREAD_PREFIX));
    return factory;
  }
}
