package io.github.selectcolor.dashboard.page;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.HEAD;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the page from {@code classpath:/dashboard-static/}, not {@code static/}: the dashboard
 * shares a class path with the collector in the local pipeline, and the collector's page lives in
 * {@code static/}. Explicit routes keep that so whatever {@code spring.web.resources.*} says.
 * Chart.js comes from its WebJar through Spring Boot's {@code /webjars/**} handler.
 */
@Configuration(proxyBeanMethods = false)
class PageRoutes {

  static final String LOCATION = "dashboard-static/";

  @Bean
  RouterFunction<ServerResponse> dashboardPageRoutes() {
    Resource index = new ClassPathResource(LOCATION + "index.html");
    return route(GET("/").or(HEAD("/")), request -> ServerResponse.ok()
            .contentType(MediaType.TEXT_HTML)
            .cacheControl(CacheControl.noCache())
            .bodyValue(index))
        .and(RouterFunctions.resources("/**", new ClassPathResource(LOCATION),
            (resource, headers) -> headers.setCacheControl(CacheControl.noCache())));
  }
}
