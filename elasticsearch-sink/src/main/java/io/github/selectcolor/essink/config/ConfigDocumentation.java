package io.github.selectcolor.essink.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/**
 * The configuration reference in Markdown, written from {@link ElasticsearchSinkConnectorConfig}'s
 * definitions so that the documentation cannot drift from the code.
 */
public final class ConfigDocumentation {

  private ConfigDocumentation() {
  }

  public static String markdown() {
    List<String> lines = new ArrayList<>(List.of(
        "# Elasticsearch sink connector: configuration reference",
        "",
        "Generated from `ElasticsearchSinkConnectorConfig`; do not edit by hand. Connector class:"
            + " `io.github.selectcolor.essink.ElasticsearchSinkConnector`. Kafka Connect's own"
            + " settings (`topics`, `tasks.max`, `errors.*`, converters) apply as usual.",
        ""));
    ConfigDef def = ElasticsearchSinkConnectorConfig.CONFIG;
    List<String> groups = def.groups();
    for (String group : groups) {
      lines.add("## " + group);
      lines.add("");
      lines.add("| key | type | default | valid values | importance | description |");
      lines.add("| --- | --- | --- | --- | --- | --- |");
      def.configKeys().values().stream().filter(key -> group.equals(key.group))
          .sorted(Comparator.comparingInt(key -> key.orderInGroup))
          .forEach(key -> lines.add(row(key)));
      lines.add("");
    }
    return String.join("\n", lines);
  }

  private static String row(ConfigKey key) {
    return String.format(Locale.ROOT, "| `%s` | %s | %s | %s | %s | %s |", key.name,
        key.type.toString().toLowerCase(Locale.ROOT), defaultOf(key),
        key.validator == null ? "" : cell(key.validator.toString()),
        key.importance.toString().toLowerCase(Locale.ROOT), cell(key.documentation));
  }

  private static String defaultOf(ConfigKey key) {
    if (!key.hasDefault() || key.defaultValue == null) {
      return "";
    }
    if (key.type == ConfigDef.Type.PASSWORD) {
      return "(hidden)";
    }
    Object value = key.defaultValue instanceof List<?> list
        ? String.join(",", list.stream().map(String::valueOf).toList()) : key.defaultValue;
    return "`" + value + "`";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("``", "`");
  }
}
