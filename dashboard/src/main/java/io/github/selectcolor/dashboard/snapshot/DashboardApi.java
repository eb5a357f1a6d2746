package io.github.selectcolor.dashboard.snapshot;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** {@code GET /api/dashboard}: the latest {@link DashboardSnapshot} as JSON. */
@Configuration(proxyBeanMethods = false)
class DashboardApi {

  @Bean
  RouterFunction<ServerResponse> dashboardApiRoutes(SnapshotService snapshots) {
    // The snapshot is already shared on the server; a cached copy would only show older figures.
    return route(GET("/api/dashboard"), request -> snapshots.snapshot()
        .flatMap(snapshot -> ServerResponse.ok()
            .contentType(MediaType.APPLICATION_JSON)
            .cacheControl(CacheControl.noStore())
            .bodyValue(snapshot)));
  }
}
