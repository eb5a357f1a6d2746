package io.github.selectcolor.dashboard.elasticsearch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The fields of an indexed event that the dashboard lists; others are ignored, so that the
 * dashboard keeps working when events gain fields.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record StoredEvent(String eventId, String userName, String colorName, Agent agent,
    String receivedAt, String indexedAt) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Agent(String browser, String os) {
  }
}
