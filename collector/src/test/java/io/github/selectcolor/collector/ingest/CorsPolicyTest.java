package io.github.selectcolor.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selectcolor.collector.PropertiesFixture;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorsPolicyTest {

  private final CorsPolicy policy = new CorsPolicy(
      PropertiesFixture.allowingOrigins(List.of("https://shop.example")));

  @Test
  void treatsARequestWithoutOriginOrFromTheCollectorsOwnHostAsSameOrigin() {
    assertThat(policy.check(headers(null))).isEqualTo(CorsPolicy.Verdict.NO_CORS);
    assertThat(policy.check(headers("http://collector.example:8080")))
        .isEqualTo(CorsPolicy.Verdict.NO_CORS);
    assertThat(policy.check(headers("https://collector.example:8080")))
        .isEqualTo(CorsPolicy.Verdict.NO_CORS);
  }

  @Test
  void allowsOnlyListedOrigins() {
    assertThat(policy.check(headers("https://shop.example"))).isEqualTo(CorsPolicy.Verdict.ALLOWED);
    assertThat(policy.check(headers("https://evil.example"))).isEqualTo(CorsPolicy.Verdict.REFUSED);
    assertThat(policy.check(headers("http://shop.example"))).isEqualTo(CorsPolicy.Verdict.REFUSED);
  }

  @Test
  void trustsTheBrowsersSameOriginMarkOverAHostThatAProxyRewrote() {
    HttpHeaders proxied = headers("https://public.example").set("Sec-Fetch-Site", "same-origin");

    assertThat(policy.check(proxied)).isEqualTo(CorsPolicy.Verdict.NO_CORS);
  }

  @Test
  void refusesARequestFromAnotherSitesPageWithoutOriginUnlessItsRefererIsAllowed() {
    HttpHeaders forged = headers(null).set("Sec-Fetch-Site", "cross-site")
        .set(HttpHeaderNames.REFERER, "https://evil.example/page.html");
    HttpHeaders unnamed = headers(null).set("Sec-Fetch-Site", "cross-site");
    HttpHeaders fromShop = headers(null).set("Sec-Fetch-Site", "cross-site")
        .set(HttpHeaderNames.REFERER, "https://shop.example/colors?x=1");

    assertThat(policy.check(forged)).isEqualTo(CorsPolicy.Verdict.REFUSED);
    assertThat(policy.check(unnamed)).isEqualTo(CorsPolicy.Verdict.REFUSED);
    assertThat(policy.check(fromShop)).isEqualTo(CorsPolicy.Verdict.NO_CORS);
  }

  @Test
  void allowsPreflightsForPostWithAJsonBodyOnly() {
    HttpHeaders post = headers("https://shop.example")
        .set(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .set(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS, "content-type");
    HttpHeaders delete = headers("https://shop.example")
        .set(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD, "DELETE");
    HttpHeaders custom = headers("https://shop.example")
        .set(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .set(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS, "content-type, x-secret");

    assertThat(policy.allowsPreflight(post)).isTrue();
    assertThat(policy.allowsPreflight(delete)).isFalse();
    assertThat(policy.allowsPreflight(custom)).isFalse();
  }

  @Test
  void namesTheCallingOriginNeverAWildcard() {
    HttpHeaders response = new DefaultHttpHeaders();

    policy.allowOrigin(headers("https://shop.example"), response);

    assertThat(response.get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN))
        .isEqualTo("https://shop.example");
    assertThat(response.get(HttpHeaderNames.VARY)).isEqualTo("origin");
  }

  private static HttpHeaders headers(String origin) {
    HttpHeaders headers = new DefaultHttpHeaders().set(HttpHeaderNames.HOST, "collector.example:8080");
    return origin == null ? headers : headers.set(HttpHeaderNames.ORIGIN, origin);
  }
}
