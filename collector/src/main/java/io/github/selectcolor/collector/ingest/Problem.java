package io.github.selectcolor.collector.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The one error body of the API, an RFC 9457 problem: {@code field} names the part of the request
 * at fault and {@code reason} is a stable code for programs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Problem(String type, String title, int status, String detail, String instance, String field,
    String reason) {

  static final String MEDIA_TYPE = "application/problem+json";

  Problem(String title, int status, String detail, String instance, String field, String reason) {
    this("about:blank", title, status, detail, instance, field, reason);
  }
}
