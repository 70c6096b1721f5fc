package io.deployguard.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.deployguard.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile inputs of issue 15, each run through the whole command line: each ends well within
 * 30 seconds with the exit code it deserves and one line on standard error, never a trace. Here
 * they run in the test JVM; {@link HostileInputJarIT} runs them through the built jar in a 256 MiB
 * JVM.
 */
class HostileInputTest {

  @TempDir static Path dir;

  /** What one hostile input should do. */
  record Case(String name, List<String> args, int exit, String stderr) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Path write(String name, String content) {
    return write(name, content.getBytes(StandardCharsets.UTF_8));
  }

  static Path write(String name, byte[] content) {
    try {
      Path p = dir.resolve(name);
      Files.createDirectories(p.getParent());
      return Files.write(p, content);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** A plan with one security group whose ingress is {@code ingress} (JSON). */
  static String planWithIngress(String ingress) {
    return "{\"format_version\":\"1.2\",\"terraform_version\":\"1.9.8\",\"resource_changes\":[{"
        + "\"address\":\"aws_security_group.x\",\"mode\":\"managed\",\"type\":\"aws_security_group\",\"name\":\"x\","
        + "\"change\":{\"actions\":[\"create\"],\"before\":null,\"after\":{\"name\":\"x\",\"ingress\":" + ingress
        + ",\"egress\":[]},\"after_unknown\":{}}}]}";
  }

  static String rule(String protocol, String from, String to, String cidrs, String v6) {
    return "{\"protocol\":\"" + protocol + "\",\"from_port\":" + from + ",\"to_port\":" + to + ",\"cidr_blocks\":" + cidrs
        + ",\"ipv6_cidr_blocks\":" + v6 + ",\"prefix_list_ids\":[],\"security_groups\":[],\"self\":false,"
        + "\"description\":\"\"}";
  }

  static Case plan(String name, String content, int exit, String stderr) {
    return new Case(name, List.of("plan", write(name.replaceAll("[^A-Za-z0-9]+", "-") + ".json", content).toString()),
        exit, stderr);
  }

  static Stream<Arguments> cases() {
    List<Case> c = new ArrayList<>();
    c.add(plan("ssh from two IPv4 halves", planWithIngress("[" + rule("tcp", "22", "22",
        "[\"0.0.0.0/1\",\"128.0.0.0/1\"]", "[]") + "]"), 1, null));
    c.add(plan("ssh from two IPv6 halves", planWithIngress("[" + rule("tcp", "22", "22", "[]",
        "[\"::/1\",\"8000::/1\"]") + "]"), 1, null));
    c.add(plan("ssh from 2000::/3", planWithIngress("[" + rule("tcp", "22", "22", "[]", "[\"2000::/3\"]") + "]"), 1,
        null));
    c.add(plan("GRE from the world", planWithIngress("[" + rule("47", "0", "0", "[\"0.0.0.0/0\"]", "[]") + "]"), 1,
        null));
    c.add(plan("SCTP from the world", planWithIngress("[" + rule("132", "0", "0", "[\"0.0.0.0/0\"]", "[]") + "]"), 1,
        null));
    c.add(plan("from_port 1e99999999", planWithIngress("[" + rule("tcp", "1e99999999", "22",
        "[\"10.0.0.0/8\"]", "[]") + "]"), 1, null));
    c.add(plan("from_port 1e999999999", planWithIngress("[" + rule("tcp", "1e999999999", "22",
        "[\"10.0.0.0/8\"]", "[]") + "]"), 1, null));
    c.add(plan("from_port 1e-2222222222222222222222", planWithIngress("[" + rule("tcp",
        "1e-2222222222222222222222", "22", "[\"10.0.0.0/8\"]", "[]") + "]"), 3, "is out of range"));
    c.add(plan("cidr_blocks: [null]", planWithIngress("[" + rule("tcp", "22", "22", "[null]", "[]") + "]"), 1, null));
    c.add(plan("after: {}", planWithIngress("[]").replace("{\"name\":\"x\",\"ingress\":[],\"egress\":[]}", "{}"), 3,
        "should be the resource's attributes, as terraform writes them"));
    c.add(plan("ingress: [null]", planWithIngress("[null]"), 3, "ingress[0] should be a rule block, found"));
    c.add(plan("tcp ports -1/-1", planWithIngress("[" + rule("tcp", "-1", "-1", "[\"0.0.0.0/0\"]", "[]") + "]"), 1,
        null));
    c.add(plan("retention_in_days: -5", "{\"format_version\":\"1.2\",\"terraform_version\":\"1.9.8\","
        + "\"resource_changes\":[{\"address\":\"aws_cloudwatch_log_group.l\",\"mode\":\"managed\","
        + "\"type\":\"aws_cloudwatch_log_group\",\"name\":\"l\",\"change\":{\"actions\":[\"create\"],"
        + "\"before\":null,\"after\":{\"name\":\"l\",\"retention_in_days\":-5},\"after_unknown\":{}}}]}", 3,
        "retention_in_days should be 0 (never expire) or a number of days"));
    for (String[] bad : new String[][] {{"an encoded surrogate", "\u00ed\u00a0\u0080"}, {"an overlong slash", "\u00c0\u00af"},
        {"an overlong 3-byte form", "\u00e0\u0080\u00af"}}) {
      byte[] bytes = planWithIngress("[]").replace("\"name\":\"x\",", "\"name\":\"x@\",")
          .getBytes(StandardCharsets.UTF_8);
      byte[] raw = bad[1].getBytes(StandardCharsets.ISO_8859_1);
      int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf('@');
      byte[] content = new byte[bytes.length - 1 + raw.length];
      System.arraycopy(bytes, 0, content, 0, at);
      System.arraycopy(raw, 0, content, at, raw.length);
      System.arraycopy(bytes, at + 1, content, at + raw.length, bytes.length - at - 1);
      c.add(new Case("UTF-8 with " + bad[0], List.of("plan", write(bad[0].replace(' ', '-') + ".json", content).toString()),
          3, "not valid UTF-8"));
    }
    Path config = write("deployguard.yml", "version: 1\n");
    Path plan = write("ok.json", planWithIngress("[]"));
    c.add(new Case("--config /dev/zero", List.of("plan", "--config", "/dev/zero", plan.toString()), 2,
        "/dev/zero: the configuration file is larger than the limit of 4 MiB"));
    c.add(new Case("a 143 MB baseline", List.of("plan", "--baseline", sparse("huge-baseline.json", 143L << 20).toString(),
        plan.toString()), 2, "the baseline file is larger than the limit of 64 MiB"));
    c.add(new Case("min_efficiency: .nan", List.of("plan", "--config",
        write("nan.yml", "version: 1\nimage:\n  min_efficiency: .nan\n").toString(), plan.toString()), 2,
        "image.min_efficiency: .nan is not a finite number"));
    c.add(new Case("a YAML alias", List.of("plan", "--config", write("alias.yml",
        "version: 1\nfail_on: &s medium\nrules:\n  SG004: {severity: *s}\n").toString(), plan.toString()), 2,
        "YAML anchors and aliases (&name, *name) are not supported"));
    c.add(new Case("--write-baseline to a directory", List.of("plan", "--write-baseline", dir.toString(),
        plan.toString()), 2, "is a folder; give a file path for the baseline"));
    c.add(new Case("--write-baseline to a full disk", List.of("plan", "--write-baseline", "/dev/full",
        plan.toString()), 2, "/dev/full: cannot write the baseline: No space left on device"));
    c.add(new Case("-o json=INPUT.json", List.of("plan", "-o", "json=" + plan, plan.toString()), 2,
        "is an input of this run"));
    c.add(new Case("two -o to one path", List.of("plan", "-o", "json=" + dir.resolve("r"), "-o",
        "sarif=" + dir.resolve("r"), plan.toString()), 2, "writes the same file"));
    c.add(new Case("a waiver glob of many stars", List.of("plan", "--config", write("glob.yml", "version: 1\n"
        + "waivers:\n  - rule: SG002\n    resource: \"" + "*_".repeat(60) + "ZZZ\"\n    reason: r\n"
        + "    expires: 2999-01-01\n").toString(), write("long-address.json", planWithIngress("[" + rule("tcp", "22", "22",
        "[\"0.0.0.0/0\"]", "[]") + "]").replace("aws_security_group.x", "aws_security_group.a" + "_b".repeat(50_000)))
        .toString()), 1, null));
    return c.stream().map(Arguments::of);
  }

  static Path sparse(String name, long size) {
    Path p = dir.resolve(name);
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(size);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return p;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void hostileInput_endsQuicklyWithItsExitCodeAndAtMostOneLineOnStderr(Case c) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> Main.run(c.args().toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true)));
    String all = out + "\n---\n" + err;
    assertThat(code).as(all).isEqualTo(c.exit());
    assertThat(err.toString()).as(all).doesNotContain("\tat ").doesNotContain("internal error");
    if (c.stderr() != null) {
      assertThat(err.toString().lines().toList()).as(all).singleElement().asString()
          .startsWith("deployguard: ").contains(c.stderr());
    } else {
      assertThat(err.toString()).as(all).isEmpty();
    }
  }

  @org.junit.jupiter.api.Test
  void aDockerEngineThatAcceptsAndNeverAnswers_isAnInputErrorAtTheDeadline() throws Exception {
    Path socket = Files.createTempDirectory("dg-silent").resolve("engine.sock");
    List<java.nio.channels.SocketChannel> held = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (java.nio.channels.ServerSocketChannel server =
        java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      server.bind(java.net.UnixDomainSocketAddress.of(socket));
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(server.accept());
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      Path config = write("silent.yml", "version: 1\nimage:\n  daemon_timeout_seconds: 5\n");
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      long start = System.nanoTime();
      int code = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Main.run(new String[] {"image",
          "--progress", "never", "--config", config.toString(), "--docker-host", "unix://" + socket,
          "docker-daemon:app:1"}, new PrintWriter(out, true), new PrintWriter(err, true)));
      assertThat(code).as(out + "\n" + err).isEqualTo(3);
      assertThat(err.toString().lines().toList()).singleElement().asString()
          .contains("did not deliver the image within 5 s").contains("image.daemon_timeout_seconds");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
      assertThat(held).as("the engine was asked").isNotEmpty();
    } finally {
      for (java.nio.channels.SocketChannel c : held) {
        c.close();
      }
      Files.deleteIfExists(socket);
    }
  }

  @org.junit.jupiter.api.Test
  void aPlannedValuesOnlyPlanOnAPipe_isReadLikeTheFile() throws Exception {
    Path fifo = dir.resolve("plan.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is needed for a named pipe");
    byte[] plan = Files.readAllBytes(Path.of("src/test/resources/plans/planned-values-only.json"));
    Thread writer = new Thread(() -> {
      try (var out = Files.newOutputStream(fifo)) {
        out.write(plan);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    writer.start();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Main.run(new String[] {"plan", "-f", "json",
        fifo.toString()}, new PrintWriter(out, true), new PrintWriter(err, true)));
    writer.join();
    Path file = write("planned-values-only.json", plan);
    StringWriter fromFile = new StringWriter();
    int fileCode = Main.run(new String[] {"plan", "-f", "json", file.toString()}, new PrintWriter(fromFile, true),
        new PrintWriter(new StringWriter(), true));
    assertThat(code).as(err.toString()).isEqualTo(fileCode);
    // A plan finding's fingerprint includes its plan's path, so the two differ there only.
    String anyFingerprint = "\"fingerprint\": \"[0-9a-f]+\"";
    assertThat(out.toString().replace(fifo.toString(), "X").replaceAll(anyFingerprint, "F"))
        .isEqualTo(fromFile.toString().replace(file.toString(), "X").replaceAll(anyFingerprint, "F"));
    assertThat(out.toString()).contains("\"ruleId\"");
  }
}
