package io.github.selectcolor.launcher;

import io.github.selectcolor.embedded.elasticsearch.PrivilegeDrop;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The launcher's command line, parsed and checked before anything starts: every problem is named,
 * so that one run shows them all.
 *
 * @param settings the data folder and the ports, the conventional ones unless given
 * @param fresh    whether to delete the data folder first
 * @param help     whether only the usage was asked for
 */
record LauncherOptions(StackSettings settings, boolean fresh, boolean help) {

  static final String USAGE = "Usage: java -jar select-color-local.jar [--data-dir=DIR] [--fresh]"
      + " [--kafka-ports=9092,9093,9094] [--hdfs-port=9000] [--elasticsearch-port=9200]"
      + " [--connect-port=8083] [--collector-port=8080] [--hdfs-sink-port=8082]"
      + " [--dashboard-port=5601] [--bind-address=127.0.0.1] [--help]";
  static final Path DEFAULT_DATA_DIRECTORY = Path.of("local-data");

  /** The options, or every problem found in the arguments. */
  record Parsed(LauncherOptions options, List<String> problems) {
  }

  static Parsed parse(String... args) {
    Parser parser = new Parser();
    for (String arg : args) {
      parser.accept(arg);
    }
    return parser.result();
  }

  /** Reads one argument at a time; ports that are not given keep the conventional ones. */
  private static final class Parser {
    private final StackSettings standard = StackSettings.standardPorts(DEFAULT_DATA_DIRECTORY);
    private final List<String> problems = new ArrayList<>();
    private Path dataDirectory = DEFAULT_DATA_DIRECTORY;
    private boolean fresh;
    private boolean help;
    private List<Integer> kafkaPorts = standard.kafkaPorts();
    private String bindAddress = standard.applicationAddress();
    private final Map<String, Integer> ports = new LinkedHashMap<>(Map.of(
        "--hdfs-port", standard.hdfsPort(),
        "--elasticsearch-port", standard.elasticsearchPort(),
        "--connect-port", standard.connectPort(),
        "--collector-port", standard.collectorPort(),
        "--hdfs-sink-port", standard.hdfsSinkPort(),
        "--dashboard-port", standard.dashboardPort()));

    void accept(String arg) {
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      String value = equals < 0 ? null : arg.substring(equals + 1);
      if (value == null && (name.equals("--fresh") || name.equals("--help"))) {
        fresh |= name.equals("--fresh");
        help |= name.equals("--help");
      } else if (value != null && name.equals("--data-dir")) {
        dataDirectory = dataDirectory(value);
      } else if (value != null && name.equals("--bind-address")) {
        bindAddress = bindAddress(value);
      } else if (value != null && name.equals("--kafka-ports")) {
        kafkaPorts = kafkaPorts(value);
      } else if (value != null && ports.containsKey(name)) {
        ports.put(name, port(name, value));
      } else {
        problems.add("Unknown option " + arg + ".");
      }
    }

    Parsed result() {
      if (dataDirectory == DEFAULT_DATA_DIRECTORY) {
        dataDirectory = dataDirectory(DEFAULT_DATA_DIRECTORY.toString());
      }
      StackSettings settings = new StackSettings(dataDirectory, kafkaPorts,
          ports.get("--hdfs-port"), ports.get("--elasticsearch-port"), ports.get("--connect-port"),
          ports.get("--collector-port"), ports.get("--hdfs-sink-port"), ports.get("--dashboard-port"),
          StackSettings.LOCAL_ROLL_AGE, bindAddress);
      if (problems.isEmpty()) {
        problems.addAll(settings.portConflicts());
      }
      return new Parsed(problems.isEmpty() ? new LauncherOptions(settings, fresh, help) : null,
          List.copyOf(problems));
    }

    private Path dataDirectory(String value) {
      try {
        Path directory = Path.of(value).toAbsolutePath().normalize();
        String problem = unwritable(directory);
        if (problem == null) {
          problem = PrivilegeDrop.checkWorkDirectory(directory.resolve("elasticsearch"))
              .map(reason -> reason + "; choose a data folder inside folders that others may pass"
                  + " through, such as /tmp or /srv, or run as another user").orElse(null);
        }
        if (problem != null) {
          problems.add("The data folder " + directory + " (--data-dir) cannot hold the pipeline's"
              + " data: " + problem + ".");
        }
        return directory;
      } catch (InvalidPathException e) {
        problems.add("--data-dir=" + value + " is not a path: " + e.getReason() + ".");
        return DEFAULT_DATA_DIRECTORY;
      }
    }

    /** An IP address, never a name: the launcher looks nothing up before it starts. */
    private String bindAddress(String value) {
      boolean ipv4 = value.matches("((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}"
          + "(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])");
      boolean ipv6 = value.matches("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");
      if (!ipv4 && !ipv6) {
        problems.add("--bind-address takes an IP address, such as 127.0.0.1 or 0.0.0.0 for every"
            + " interface, not \"" + value + "\".");
      }
      return value;
    }

    private List<Integer> kafkaPorts(String value) {
      List<Integer> given = new ArrayList<>();
      for (String port : value.split(",", -1)) {
        given.add(port("--kafka-ports", port.trim()));
      }
      return given;
    }

    private int port(String name, String value) {
      int port = value.matches("[0-9]{1,5}") ? Integer.parseInt(value) : 0;
      if (port < 1 || port > 65535) {
        problems.add(name + " takes port numbers from 1 to 65535, not \"" + value + "\".");
      }
      return port;
    }
  }

  /** Why the folder cannot be created or written, or null when it can. */
  static String unwritable(Path directory) {
    if (Files.exists(directory)) {
      if (!Files.isDirectory(directory)) {
        return directory + " is a file, not a folder";
      }
      return Files.isWritable(directory) ? null : "this user may not write in " + directory;
    }
    Path parent = directory.getParent();
    while (parent != null && !Files.exists(parent)) {
      parent = parent.getParent();
    }
    if (parent == null) {
      return "no folder above it exists";
    }
    if (!Files.isDirectory(parent)) {
      return parent + " is a file, not a folder";
    }
    return Files.isWritable(parent) ? null : "this user may not create folders in " + parent;
  }
}
