package io.deployguard.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.app.Version;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile inputs of {@link HostileInputTest}, each run through the built runnable jar in a
 * JVM of 256 MiB: within 30 seconds, the right exit code, at most one line on standard error.
 */
class HostileInputJarIT {

  @TempDir static Path scratch;

  @BeforeAll
  static void sharesTheInputsOfTheInProcessTest() {
    HostileInputTest.dir = scratch;
  }

  static Stream<Arguments> cases() {
    return HostileInputTest.cases();
  }

  /** Three million empty files in one gzip layer (the case), a docker save archive of 28 MB. */
  static Path threeMillionEmptyFiles() throws java.io.IOException {
    java.io.ByteArrayOutputStream layer = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(layer, 1 << 16)) {
      for (int i = 0; i < 3_000_000; i++) {
        gz.write(header(String.format("f%07d", i), 0));
      }
      gz.write(new byte[1024]);
    }
    byte[] config = ("{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + "0".repeat(64) + "\"]}}")
        .getBytes(StandardCharsets.UTF_8);
    byte[] manifest = "[{\"Config\":\"c.json\",\"RepoTags\":[\"big:1\"],\"Layers\":[\"l/layer.tar\"]}]"
        .getBytes(StandardCharsets.UTF_8);
    Path archive = scratch.resolve("three-million.tar");
    try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(archive))) {
      for (Object[] m : new Object[][] {{"l/layer.tar", layer.toByteArray()}, {"c.json", config}, {"manifest.json", manifest}}) {
        byte[] data = (byte[]) m[1];
        out.write(header((String) m[0], data.length));
        out.write(data);
        out.write(new byte[(512 - data.length % 512) % 512]);
      }
      out.write(new byte[1024]);
    }
    return archive;
  }

  private static byte[] header(String name, long size) {
    byte[] h = new byte[512];
    put(h, 0, name);
    put(h, 100, "0000644");
    put(h, 108, "0000000");
    put(h, 116, "0000000");
    put(h, 124, String.format("%011o", size));
    put(h, 136, "00000000000");
    h[156] = '0';
    put(h, 257, "ustar");
    put(h, 263, "00");
    java.util.Arrays.fill(h, 148, 156, (byte) ' ');
    int sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format("%06o", sum));
    h[154] = 0;
    return h;
  }

  private static void put(byte[] b, int at, String s) {
    byte[] t = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(t, 0, b, at, t.length);
  }

  @org.junit.jupiter.api.Test
  void threeMillionEmptyFilesInOneLayer_inA256MiBJvm_crossImageMaxEntries() throws Exception {
    Path archive = threeMillionEmptyFiles();
    hostileInput_inA256MiBJvm_endsWithin30sWithItsExitCodeAndOneLine(new HostileInputTest.Case("3M empty files",
        List.of("image", "--progress", "never", "docker-archive:" + archive), 3,
        "more than 1000000 file entries in the image's layers (the limit of image.max_entries"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void hostileInput_inA256MiBJvm_endsWithin30sWithItsExitCodeAndOneLine(HostileInputTest.Case c) throws Exception {
    Path jar = Path.of(System.getProperty("deployguard.jar", "target/deployguard-" + Version.get() + "-all.jar"));
    assertThat(jar).as("built by mvn package").exists();
    List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-jar", jar.toString()));
    command.addAll(c.args());
    Path out = Files.createTempFile(scratch, "out", ".txt");
    Path err = Files.createTempFile(scratch, "err", ".txt");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    boolean ended = p.waitFor(30, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(ended).as("ends within 30 s: " + c).isTrue();
    assertThat(p.exitValue()).as(stderr).isEqualTo(c.exit());
    assertThat(stderr).as("no trace, no out-of-memory").doesNotContain("\tat ").doesNotContain("OutOfMemoryError")
        .doesNotContain("internal error");
    if (c.stderr() != null) {
      assertThat(stderr.lines().toList()).as(stderr).singleElement().asString().contains(c.stderr());
    } else {
      assertThat(stderr).isEmpty();
    }
  }
}
