package io.deployguard.docker.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deployguard.cli.Main;
import io.deployguard.docker.DockerfileSettings;
import io.deployguard.policy.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Crafted Dockerfiles that once hung the parser, filled its heap, overflowed its stack or failed
 * inside it: each is now one input error naming the file, the line, the limit crossed and, where a
 * real build may need more, the configuration key that raises it. The timeouts guard against a
 * hang coming back; they are not speed targets.
 */
class DockerfileHostileInputTest {

  private static final Duration HANG = Duration.ofSeconds(20);

  static String syntaxPaddedWithAMillionSpaces() {
    return "# syntax=" + " ".repeat(1_000_000) + "docker/dockerfile:1\nFROM alpine:3.20\n";
  }

  static String stageChain(int links) {
    StringBuilder b = new StringBuilder("FROM alpine:3.20 AS s0\n");
    for (int i = 0; i < links; i++) {
      b.append("FROM s").append(i).append(" AS s").append(i + 1).append('\n');
    }
    return b.toString();
  }

  /** 846 bytes: each ARG doubles the one before, 2^40 characters in the end. */
  static String argDoublingBomb() {
    StringBuilder b = new StringBuilder("ARG A0=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n");
    for (int i = 1; i <= 38; i++) {
      b.append("ARG A").append(i).append("=${A").append(i - 1).append("}${A").append(i - 1).append("}\n");
    }
    return b.append("FROM alpine:${A38}\n").toString();
  }

  static String nested(int depth) {
    return "FROM alpine:" + "${A:-".repeat(depth) + "3.20" + "}".repeat(depth) + "\n";
  }

  static String onbuilds(int n) {
    return "FROM alpine:3.20\n" + "ONBUILD ".repeat(n) + "RUN true\n";
  }

  /** A 3 MB repository name, in continuation lines short enough for BuildKit's line reader. */
  static String longRepositoryName() {
    StringBuilder b = new StringBuilder("FROM ");
    for (int i = 0; i < 50; i++) {
      b.append("a".repeat(60_000)).append("\\\n");
    }
    return b.append("a:1\n").toString();
  }

  static Stream<Arguments> hostile() {
    return Stream.of(
        Arguments.of("a # syntax= directive padded with 1M spaces", syntaxPaddedWithAMillionSpaces(), "line 1",
            List.of("longer than 65535 bytes")),
        Arguments.of("a 10k-stage FROM sN AS sN+1 chain", stageChain(10_000), "line 1001",
            List.of("more than 1000 build stages", "dockerfile.max_stages")),
        Arguments.of("an 846-byte ARG doubling bomb", argDoublingBomb(), "line 18",
            List.of("more than " + Variables.MAX_EXPANDED_CHARS + " characters")),
        Arguments.of("${A:- nested 2,000 deep", nested(2000), "line 1", List.of("nest more than 32 deep")),
        Arguments.of("3,000 ONBUILDs", onbuilds(3000), "line 2", List.of("ONBUILD cannot register ONBUILD")),
        Arguments.of("ENV with a name of backspaces", "FROM alpine:3.20\nENV \b\b\b\b\b a\nUSER $b\n", "line 2",
            List.of("ENV name", "control characters")),
        Arguments.of("FROM alpine@sha256:zzzz", "FROM alpine@sha256:zzzz\n", "line 1",
            List.of("'sha256:zzzz' is not a digest")),
        Arguments.of("a 3 MB repository name", longRepositoryName(), "line 1", List.of("longer than", "Docker's limit")),
        Arguments.of("COPY --from= its own stage", "FROM alpine:3.20 AS app\nCOPY --from=app /a /b\n", "line 2",
            List.of("cannot copy from stage 'app'", "defined before")),
        Arguments.of("RUN --mount from a later stage", "FROM alpine:3.20 AS a\nRUN --mount=from=b make\nFROM alpine:3.20 AS b\n",
            "line 2", List.of("cannot mount from stage 'b'")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void hostileDockerfileIsOneInputErrorNamingTheLimit(String name, String text, String place, List<String> problem) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> evaluate(bytes, DockerfileSettings.DEFAULT))
        .isInstanceOfSatisfying(InputException.class, e -> {
          assertThat(e.input()).isEqualTo("Dockerfile");
          assertThat(e.place()).isEqualTo(place);
          assertThat(e.problem() + " (" + e.hint() + ")").contains(problem);
          assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(400);
        }));
  }

  @Test
  void aDirectivePaddedWithBlanksWithinTheLineLimitIsReadInLinearTime() {
    String text = "# syntax=" + " \t".repeat(30_000) + "docker/dockerfile:1" + " ".repeat(5_000) + "\nFROM alpine:3.20\n";
    Dockerfile d = assertTimeoutPreemptively(HANG, () -> DockerfileParser.parse("Dockerfile", text, Map.of()));
    assertThat(d.directives()).singleElement().satisfies(dir -> assertThat(dir.value()).isEqualTo("docker/dockerfile:1"));
  }

  @Test
  void raisingMaxStagesReadsALongChainAndFollowsItToItsRoot() {
    DockerfileSettings settings = new DockerfileSettings(null, null, null, null, null, 20_000);
    byte[] bytes = stageChain(10_000).getBytes(StandardCharsets.UTF_8);
    Dockerfile d = assertTimeoutPreemptively(HANG, () -> {
      evaluate(bytes, settings);
      return DockerfileParser.parse("Dockerfile", bytes, Map.of(), settings.maxStages());
    });
    assertThat(d.stages()).hasSize(10_001);
    assertThat(d.root(d.finalStage()).index()).isZero();
  }

  @Test
  void expansionJustUnderTheLimitIsRead() {
    // 2^16 characters: far beyond any real ARG, well within the budget.
    StringBuilder b = new StringBuilder("ARG A0=x\n");
    for (int i = 1; i <= 16; i++) {
      b.append("ARG A").append(i).append("=${A").append(i - 1).append("}${A").append(i - 1).append("}\n");
    }
    Dockerfile d = DockerfileParser.parse("Dockerfile", b.append("FROM alpine:3.20\nARG A16\nUSER ${A16}\n").toString(), Map.of());
    assertThat(Lineages.stateBefore(d, d.finalStage(), null, Map.of()).user()).hasSize(1 << 16);
  }

  /**
   * All of them at once through the command line in a JVM with a 256 MiB heap: exit 3, and one
   * line per input on standard error.
   */
  @Test
  void everyHostileInputEndsWithExit3InA256MiBHeap(@TempDir Path dir) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.deployguard.cli.Main", "dockerfile", "--format", "json"));
    List<Path> files = new ArrayList<>();
    int i = 0;
    for (Arguments a : hostile().toList()) {
      Path f = dir.resolve("hostile-" + i++ + ".Dockerfile");
      Files.writeString(f, (String) a.get()[1]);
      files.add(f);
      command.add(f.toString());
    }
    Process p = new ProcessBuilder(command).redirectOutput(dir.resolve("out.json").toFile())
        .redirectError(dir.resolve("err.txt").toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the run ends").isTrue();
    String err = Files.readString(dir.resolve("err.txt"));
    assertThat(p.exitValue()).as(err).isEqualTo(3);
    assertThat(err).doesNotContain("Exception", "\tat ", "OutOfMemoryError");
    JsonNode errors = new ObjectMapper().readTree(dir.resolve("out.json").toFile()).get("errors");
    for (Path f : files) {
      assertThat(err.lines().filter(l -> l.contains(f.toString()))).as(err).hasSize(1);
      assertThat(errors.findValuesAsText("input")).contains(f.toString());
    }
  }

  @Test
  void maxStagesFromTheConfigurationFileBoundsTheStages(@TempDir Path dir) throws IOException {
    Path config = Files.writeString(dir.resolve("deployguard.yml"), "dockerfile:\n  max_stages: 2\n");
    Path df = Files.writeString(dir.resolve("Dockerfile"), "FROM alpine:3.20 AS a\nFROM a AS b\nFROM b\n");
    StringWriter out = new StringWriter();
    int exit = Main.run(new String[] {"dockerfile", "--config", config.toString(), df.toString()},
        new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
    assertThat(exit).isEqualTo(3);
    assertThat(out.toString()).contains(df + ": line 3: more than 2 build stages (the limit) (raise dockerfile.max_stages");
    Files.writeString(config, "dockerfile:\n  max_stages: 3\n");
    assertThat(Main.run(new String[] {"dockerfile", "--config", config.toString(), df.toString()},
        new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true)))
        .isNotEqualTo(3);
  }

  private static void evaluate(byte[] bytes, DockerfileSettings settings) {
    Dockerfile d = DockerfileParser.parse("Dockerfile", bytes, Map.of(), settings.maxStages());
    DockerfileRules.evaluate(d, settings, true);
  }
}
