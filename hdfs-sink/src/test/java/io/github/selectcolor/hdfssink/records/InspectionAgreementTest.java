package io.github.selectcolor.hdfssink.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selectcolor.hdfssink.dedup.EventFields;
import io.github.selectcolor.hdfssink.records.RecordInspector.Inspection;
import io.github.selectcolor.hdfssink.records.RecordInspector.Valid;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The scanner only ever accepts, so the inspector must decide every value exactly as Jackson's
 * path does: mutated events, mostly a byte or three away from valid ones, are inspected both ways.
 */
class InspectionAgreementTest {

  private static final long RECORD_TIME = Instant.parse("2026-11-22T01:15:00Z").toEpochMilli();
  private static final int MUTANTS = 150_000;
  private static final byte[] INTERESTING = interestingBytes();
  /** UTF-8 sequences at the edges of what is well formed, on either side. */
  private static final List<byte[]> EDGE_SEQUENCES = Arrays.stream(("c180 c1bf c280 dfbf e09fbf"
      + " e0a080 ed9fbf eda080 edbfbf efbfbf f08fbfbf f0908080 f48fbfbf f4908080 f5808080")
      .split(" ")).map(HexFormat.of()::parseHex).toList();

  private final RecordInspector inspector = new RecordInspector(ZoneOffset.ofHours(9));
  private final StrictJsonScanner scanner = new StrictJsonScanner();

  private static byte[] interestingBytes() {
    byte[] ascii = "{}[]:,\"\\ \t\n\r0123456789-+.eEtrufalsnbxABCDEFZ/".getBytes(
        StandardCharsets.US_ASCII);
    byte[] other = HexFormat.of().parseHex("00011f7f80bfc0c1c2dfe0edeff0f4f5ff");
    byte[] all = Arrays.copyOf(ascii, ascii.length + other.length);
    System.arraycopy(other, 0, all, ascii.length, other.length);
    return all;
  }

  private static List<byte[]> seeds() {
    return List.of(StrictJsonScannerTest.collectorEvent("kim"),
        StrictJsonScannerTest.collectorEvent("김민지 \uD83D\uDE00"),
        StrictJsonScannerTest.collectorEvent("a \"quoted\" \\ name"),
        utf8("{\"a\":[1,-0,0.5,1e3,-2.5E-7,true,false,null,\"\\u00e9\\n\"],\"b\":{\"c\":{},\"d\":[]}}"),
        utf8("{\"eventId\":\"2f6c1d2e-8d3a-4b7e-9c0f-1a2b3c4d5e6f\",\"eventId\":1,"
            + "\"receivedAt\":\"2026-11-22T09:05:00Z\",\"receivedAt\":2}"),
        utf8(" { \"receivedAt\" : \"9999-12-31T23:59:59.999Z\" , \"x\" : [ [ { } ] ] } "));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void decidesEveryMutatedEventAsJacksonDoes() {
    SplittableRandom random = new SplittableRandom(20261204);
    List<byte[]> seeds = seeds();
    int scanned = 0;
    int refused = 0;
    for (int i = 0; i < MUTANTS; i++) {
      byte[] value = mutant(seeds.get(random.nextInt(seeds.size())), random);
      Inspection expected = inspector.inspectWithJackson(value, RECORD_TIME);

      assertThat(inspector.inspect(value, RECORD_TIME)).as(() -> describe(value))
          .isEqualTo(expected);
      scanned += scanner.accepts(value, new EventFields()) ? 1 : 0;
      refused += expected instanceof Valid ? 0 : 1;
    }
    assertThat(scanned).as("mutants the scanner decided").isGreaterThan(MUTANTS / 10);
    assertThat(refused).as("mutants Jackson refused").isGreaterThan(MUTANTS / 10);
  }

  @Test
  void decidesEverySeedWithTheScanner() {
    for (byte[] seed : seeds()) {
      assertThat(scanner.accepts(seed, new EventFields())).as(() -> describe(seed)).isTrue();
      assertThat(inspector.inspect(seed, RECORD_TIME))
          .isEqualTo(inspector.inspectWithJackson(seed, RECORD_TIME));
    }
  }

  private static byte[] mutant(byte[] seed, SplittableRandom random) {
    byte[] value = seed;
    for (int mutations = 1 + random.nextInt(3); mutations > 0; mutations--) {
      value = mutate(value, random);
    }
    return value;
  }

  private static byte[] mutate(byte[] value, SplittableRandom random) {
    if (value.length == 0) {
      return new byte[] {pick(value, random)};
    }
    int at = random.nextInt(value.length);
    switch (random.nextInt(6)) {
      case 0, 1 -> {
        byte[] replaced = value.clone();
        replaced[at] = pick(value, random);
        return replaced;
      }
      case 2 -> {
        byte[] inserted = new byte[value.length + 1];
        System.arraycopy(value, 0, inserted, 0, at);
        inserted[at] = pick(value, random);
        System.arraycopy(value, at, inserted, at + 1, value.length - at);
        return inserted;
      }
      case 3 -> {
        byte[] deleted = new byte[value.length - 1];
        System.arraycopy(value, 0, deleted, 0, at);
        System.arraycopy(value, at + 1, deleted, at, value.length - at - 1);
        return deleted;
      }
      case 4 -> {
        return Arrays.copyOf(value, at);
      }
      default -> {
        byte[] sequence = EDGE_SEQUENCES.get(random.nextInt(EDGE_SEQUENCES.size()));
        byte[] inserted = new byte[value.length + sequence.length];
        System.arraycopy(value, 0, inserted, 0, at);
        System.arraycopy(sequence, 0, inserted, at, sequence.length);
        System.arraycopy(value, at, inserted, at + sequence.length, value.length - at);
        return inserted;
      }
    }
  }

  /** A byte that often breaks JSON or UTF-8, or one of the value's own. */
  private static byte pick(byte[] value, SplittableRandom random) {
    if (value.length > 0 && random.nextBoolean()) {
      return value[random.nextInt(value.length)];
    }
    return INTERESTING[random.nextInt(INTERESTING.length)];
  }

  private static String describe(byte[] value) {
    return HexFormat.of().formatHex(value) + " (" + new String(value, StandardCharsets.UTF_8) + ")";
  }
}
