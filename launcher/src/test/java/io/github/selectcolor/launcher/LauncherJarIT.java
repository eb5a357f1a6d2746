package io.github.selectcolor.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.selectcolor.testkit.net.FreePorts;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged program, as a user runs it: {@code java -jar select-color-local.jar} as its own
 * process, from a folder that is not the repository, on free ports and a temporary data folder.
 */
class LauncherJarIT {

  private static final String KOREAN_NAME = "김민준";
  private static final Duration READY_DEADLINE = Duration.ofSeconds(180);
  private static final Duration LANDING_DEADLINE = Duration.ofSeconds(60);
  private static final Duration STOP_DEADLINE = Duration.ofSeconds(60);
  private static final Duration FAILED_START_DEADLINE = Duration.ofSeconds(30);
  private static final Duration USAGE_DEADLINE = Duration.ofSeconds(30);

  @TempDir
  Path sandbox;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .build();

  /** Elasticsearch runs as nobody when the tests run as root, and must reach its data folder. */
  @BeforeEach
  void letOthersThroughTheSandbox() throws IOException {
    Files.setPosixFilePermissions(sandbox, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void landsAnEventInEveryStoreAndStopsCleanlyOnSigterm() throws Exception {
    StackSettings settings = freePortSettings();
    try (LauncherProcess launcher = LauncherProcess.start(workingDirectory(), arguments(settings))) {
      launcher.awaitLine("The pipeline is ready", READY_DEADLINE);
      List<ProcessHandle> children = launcher.descendants();
      assertThat(children).as("Elasticsearch runs as a child process").isNotEmpty();
      assertASecondLauncherIsRefusedTheDataFolder(settings);
      assertTheApplicationsAnswerOnLoopbackOnly(settings);

      String eventId = post(settings, KOREAN_NAME, "blue");
      PipelineStores stores = new PipelineStores(bootstrapServers(settings),
          URI.create("hdfs://localhost:" + settings.hdfsPort()),
          "http://127.0.0.1:" + settings.elasticsearchPort());
      JsonNode inKafka = stores.topicEvents().get(eventId);
      assertThat(inKafka).as("the event in Kafka").isNotNull();
      assertThat(inKafka.path("userName").asText()).isEqualTo(KOREAN_NAME);
      await("Elasticsearch holds the event").atMost(LANDING_DEADLINE)
          .until(() -> stores.document(eventId).path("found").asBoolean());
      assertThat(stores.document(eventId).at("/_source/userName").asText()).isEqualTo(KOREAN_NAME);
      await("a committed HDFS file holds the event").atMost(LANDING_DEADLINE)
          .until(() -> stores.committedEventIds().contains(eventId));
      assertThat(stores.committedEventIds()).containsOnlyOnce(eventId);

      launcher.terminate();
      assertThat(launcher.awaitExit(STOP_DEADLINE)).as(launcher.console()).isZero();
      assertEveryPortFree(settings);
      await("no child process outlives the launcher").atMost(Duration.ofSeconds(10))
          .until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
    }
  }

  @Test
  void stopsTheElasticsearchThatAKilledLauncherLeftAndStartsAgain() throws Exception {
    StackSettings settings = freePortSettings();
    LauncherProcess killed = LauncherProcess.start(workingDirectory(), arguments(settings));
    try {
      killed.awaitLine("The pipeline is ready", READY_DEADLINE);
      List<ProcessHandle> leftBehind = killed.descendants();
      killed.kill();
      assertThat(killed.awaitExit(STOP_DEADLINE)).isNotZero();
      // SIGKILL runs no shutdown hook: Elasticsearch still runs, holding its port.
      assertThat(leftBehind).anyMatch(ProcessHandle::isAlive);

      try (LauncherProcess launcher = LauncherProcess.start(workingDirectory(),
          arguments(settings))) {
        launcher.awaitLine("The pipeline is ready", READY_DEADLINE);
        assertThat(leftBehind).noneMatch(ProcessHandle::isAlive);
        launcher.terminate();
        assertThat(launcher.awaitExit(STOP_DEADLINE)).isZero();
      }
      assertThat(Files.readString(settings.logDirectory().resolve("launcher.log")))
          .contains("Stopped Elasticsearch (pid ");
    } finally {
      killed.close();
    }
  }

  @Test
  void refusesToEmptyAFolderItDidNotMake() throws Exception {
    StackSettings settings = freePortSettings();
    Path usersFile = Files.writeString(
        Files.createDirectories(settings.dataDirectory()).resolve("notes.txt"), "mine");
    List<String> arguments = new ArrayList<>(arguments(settings));
    arguments.add("--fresh");
    try (LauncherProcess launcher = LauncherProcess.start(workingDirectory(), arguments)) {
      assertThat(launcher.awaitExit(FAILED_START_DEADLINE)).isEqualTo(LocalPipeline.START_FAILED);
      assertThat(errorLines(launcher)).singleElement().asString()
          .contains("--fresh empties only a data folder the launcher made");
    }
    assertThat(usersFile).hasContent("mine");
  }

  @Test
  void refusesToStartOnATakenPortAndNamesIt() throws Exception {
    StackSettings settings = freePortSettings();
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.collectorPort()));
      try (LauncherProcess launcher = LauncherProcess.start(workingDirectory(), arguments(settings))) {
        assertThat(launcher.awaitExit(FAILED_START_DEADLINE)).isEqualTo(LocalPipeline.START_FAILED);
        assertThat(errorLines(launcher)).singleElement().asString()
            .contains("port " + settings.collectorPort() + " (the collector)");
        assertNoStackTrace(launcher);
      }
    }
    Map<Integer, String> othersPorts = new LinkedHashMap<>(settings.fixedPorts());
    othersPorts.remove(settings.collectorPort());
    assertThat(PortCheck.busy(othersPorts)).isEmpty();
  }

  @Test
  void stopsEveryPartAndExitsWhenTheLastPartFailsToStart() throws Exception {
    StackSettings settings = freePortSettings();
    try (LauncherProcess launcher = LauncherProcess.start(workingDirectory(), arguments(settings))) {
      launcher.awaitLine("HDFS is up", READY_DEADLINE);
      // Taken after the launcher checked its ports: the dashboard, which starts last, cannot bind.
      try (ServerSocket taken = new ServerSocket()) {
        taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.dashboardPort()));
        launcher.awaitLine("The HDFS sink is up", READY_DEADLINE);
        assertThat(launcher.awaitExit(FAILED_START_DEADLINE)).isEqualTo(LocalPipeline.START_FAILED);
      }
      assertThat(errorLines(launcher)).singleElement().asString()
          .contains("The dashboard could not start").contains("Every part that had started is stopped");
      assertNoStackTrace(launcher);
      assertEveryPortFree(settings);
      await("no child process outlives the launcher").atMost(Duration.ofSeconds(10))
          .until(() -> launcher.descendants().isEmpty());
    }
  }

  @Test
  void stopsKafkaAndHdfsAndExitsWhenElasticsearchCannotStart() throws Exception {
    StackSettings settings = freePortSettings();
    // A file where Elasticsearch's folder belongs: it fails after Kafka and HDFS came up.
    Files.createDirectories(settings.dataDirectory());
    Files.writeString(settings.elasticsearchDirectory(), "not a folder");
    try (LauncherProcess launcher = LauncherProcess.start(workingDirectory(), arguments(settings))) {
      launcher.awaitLine("Kafka is up", READY_DEADLINE);
      launcher.awaitLine("HDFS is up", READY_DEADLINE);

      assertThat(launcher.awaitExit(FAILED_START_DEADLINE)).isEqualTo(LocalPipeline.START_FAILED);
      assertThat(errorLines(launcher)).singleElement().asString()
          .contains("Elasticsearch could not start").contains("Every part that had started is stopped");
      assertNoStackTrace(launcher);
      assertEveryPortFree(settings);
    }
  }

  @Test
  void carriesNoTestLibrary() throws Exception {
    try (JarFile jar = new JarFile(System.getProperty(LauncherProcess.JAR_PROPERTY))) {
      List<String> libraries = jar.stream().map(JarEntry::getName)
          .filter(name -> name.startsWith("BOOT-INF/lib/")).toList();
      assertThat(libraries).isNotEmpty().noneMatch(name -> name.matches(
          "BOOT-INF/lib/(junit|assertj|selenium|mockito|hamcrest|awaitility|test-kit"
              + "|kafka-test-common|spring-boot-test|spring-test|reactor-test).*|.*-tests?\\.jar"));
      assertThat(jar.getEntry("BOOT-INF/classes/local-pipeline/bundle.properties")).isNotNull();
    }
  }

  @Test
  void rejectsABadCommandLineBeforeAnythingStarts() throws Exception {
    Path aFile = Files.writeString(sandbox.resolve("a-file"), "");
    List<List<String>> badCommandLines = List.of(
        List.of("--no-such-option"),
        List.of("--collector-port=eighty"),
        List.of("--kafka-ports=9092,70000"),
        List.of("--data-dir=" + aFile.resolve("data")));
    for (List<String> arguments : badCommandLines) {
      Path workingDirectory = workingDirectory();
      try (LauncherProcess launcher = LauncherProcess.start(workingDirectory, arguments)) {
        assertThat(launcher.awaitExit(USAGE_DEADLINE)).as(arguments.toString())
            .isEqualTo(LocalPipeline.USAGE_ERROR);
        assertThat(errorLines(launcher)).as(arguments.toString()).hasSize(1);
        assertThat(launcher.consoleLines()).anyMatch(line -> line.startsWith("INFO  Usage:"));
        try (var created = Files.list(workingDirectory)) {
          assertThat(created).as("nothing is created for " + arguments).isEmpty();
        }
      }
    }
  }

  private static void assertTheApplicationsAnswerOnLoopbackOnly(StackSettings settings)
      throws Exception {
    List<InetAddress> others = NetworkInterface.networkInterfaces()
        .flatMap(NetworkInterface::inetAddresses)
        .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress()).toList();
    for (InetAddress address : others) {
      for (int port : List.of(settings.collectorPort(), settings.hdfsSinkPort(),
          settings.dashboardPort())) {
        assertThatThrownBy(() -> new Socket(address, port).close()).as(address + ":" + port)
            .isInstanceOf(ConnectException.class);
      }
    }
  }

  private void assertASecondLauncherIsRefusedTheDataFolder(StackSettings settings) throws Exception {
    List<Integer> otherPorts = FreePorts.pick(9);
    StackSettings second = new StackSettings(settings.dataDirectory(), otherPorts.subList(0, 3),
        otherPorts.get(3), otherPorts.get(4), otherPorts.get(5), otherPorts.get(6),
        otherPorts.get(7), otherPorts.get(8), StackSettings.LOCAL_ROLL_AGE, StackSettings.LOOPBACK);
    try (LauncherProcess launcher = LauncherProcess.start(workingDirectory(), arguments(second))) {
      assertThat(launcher.awaitExit(FAILED_START_DEADLINE)).isEqualTo(LocalPipeline.START_FAILED);
      assertThat(errorLines(launcher)).singleElement().asString()
          .contains("another launcher runs on the data folder " + settings.dataDirectory());
    }
  }

  /** A fresh folder to start the launcher from, away from the repository. */
  private Path workingDirectory() throws IOException {
    return Files.createDirectories(sandbox.resolve("cwd-" + UUID.randomUUID()));
  }

  private StackSettings freePortSettings() {
    List<Integer> ports = FreePorts.pick(9);
    return new StackSettings(sandbox.resolve("data-" + UUID.randomUUID()), ports.subList(0, 3),
        ports.get(3), ports.get(4), ports.get(5), ports.get(6), ports.get(7), ports.get(8),
        StackSettings.LOCAL_ROLL_AGE, StackSettings.LOOPBACK);
  }

  private static List<String> arguments(StackSettings settings) {
    return new ArrayList<>(List.of(
        "--data-dir=" + settings.dataDirectory(),
        "--kafka-ports=" + settings.kafkaPorts().stream().map(String::valueOf)
            .collect(Collectors.joining(",")),
        "--hdfs-port=" + settings.hdfsPort(),
        "--elasticsearch-port=" + settings.elasticsearchPort(),
        "--connect-port=" + settings.connectPort(),
        "--collector-port=" + settings.collectorPort(),
        "--hdfs-sink-port=" + settings.hdfsSinkPort(),
        "--dashboard-port=" + settings.dashboardPort()));
  }

  private static String bootstrapServers(StackSettings settings) {
    return settings.kafkaPorts().stream().map(port -> "localhost:" + port)
        .collect(Collectors.joining(","));
  }

  private String post(StackSettings settings, String userName, String color) throws Exception {
    String eventId = UUID.randomUUID().toString();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + settings.collectorPort() + "/api/events"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"eventId\":\"" + eventId
            + "\",\"userName\":\"" + userName + "\",\"colorName\":\"" + color + "\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return eventId;
  }

  private static List<String> errorLines(LauncherProcess launcher) {
    return launcher.consoleLines().stream().filter(line -> line.contains("ERROR")).toList();
  }

  private static void assertNoStackTrace(LauncherProcess launcher) {
    assertThat(launcher.consoleLines()).as(launcher.console())
        .noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by:"));
  }

  private static void assertEveryPortFree(StackSettings settings) {
    await("every port of the pipeline is free").atMost(Duration.ofSeconds(10))
        .until(() -> PortCheck.busy(settings.fixedPorts()).isEmpty());
  }
}
