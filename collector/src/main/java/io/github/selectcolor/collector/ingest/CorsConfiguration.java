package io.github.selectcolor.collector.ingest;

import io.github.selectcolor.collector.CollectorProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.CorsRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * Lets pages of the configured origins post events. The page's own origin needs no entry; an empty
 * list refuses every other origin, which Spring's defaults would not.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration implements WebFluxConfigurer {

  private final CollectorProperties properties;

  CorsConfiguration(CollectorProperties properties) {
    this.properties = properties;
  }

  @Override
  public void addCorsMappings(CorsRegistry registry) {
    registry.addMapping("/api/**")
        .allowedOrigins(properties.allowedOrigins().toArray(String[]::new))
        .allowedMethods("GET", "POST")
        .allowedHeaders("Content-Type")
        .exposedHeaders("Retry-After")
        .maxAge(3600);
  }
}
