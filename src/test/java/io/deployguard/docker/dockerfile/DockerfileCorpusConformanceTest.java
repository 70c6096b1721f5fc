package io.deployguard.docker.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deployguard.cli.Main;
import io.deployguard.docker.DockerfileSettings;
import io.deployguard.policy.Finding;
import io.deployguard.policy.InputException;
import io.deployguard.policy.Severity;
import io.deployguard.testing.RealComponent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The shared corpus of real Dockerfiles ({@code ../shared/corpus/dockerfiles}) against its
 * {@code EXPECTED.tsv}: exit code under the default policy, whether DF001 is reported and on
 * which {@code RUN} instructions (a reported line matches an expected line of the same
 * {@code RUN}), and whether DF002 is reported; once through the scanner and once through the
 * command line's JSON report. Skips loudly when the corpus is absent (a user's clone), and fails
 * then where {@code DEPLOYGUARD_REQUIRE_REAL=true}, as in CI.
 */
class DockerfileCorpusConformanceTest {

  private static Path corpus() {
    return Path.of(System.getProperty("deployguard.sharedDir", "../shared"), "corpus", "dockerfiles");
  }

  /** One line of EXPECTED.tsv. */
  record Expectation(String file, int exit, boolean df001, List<Integer> df001Lines, boolean df002) {
    static Expectation parse(String line) {
      String[] f = line.split("\t", -1);
      List<Integer> lines = f[3].isBlank() ? List.of()
          : Stream.of(f[3].trim().split(";")).map(String::trim).map(Integer::valueOf).toList();
      return new Expectation(f[0], Integer.parseInt(f[1]), yes(f[2]), lines, yes(f[4]));
    }

    private static boolean yes(String s) {
      return s.trim().equalsIgnoreCase("yes");
    }
  }

  private static List<Expectation> expectations() throws IOException {
    Path dir = corpus();
    Path expected = dir.resolve("EXPECTED.tsv");
    RealComponent.require("shared Dockerfile corpus", Files.isRegularFile(expected),
        "expected at " + expected.toAbsolutePath() + "; set -Ddeployguard.sharedDir");
    List<String> rows = Files.readAllLines(expected);
    List<Expectation> out = rows.stream().skip(1).filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(Expectation::parse).toList();
    try (Stream<Path> files = Files.list(dir)) {
      Set<String> dockerfiles = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".Dockerfile"))
          .collect(Collectors.toSet());
      assertThat(out.stream().map(Expectation::file).collect(Collectors.toSet()))
          .as("every corpus Dockerfile has an expectation").containsAll(dockerfiles).isNotEmpty();
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyCorpusDockerfileGetsItsExpectedVerdictFromTheScanner() throws IOException {
    Path dir = corpus();
    return expectations().stream().map(row -> DynamicTest.dynamicTest(row.file(), () -> {
      Path file = dir.resolve(row.file());
      List<Finding> findings;
      try {
        findings = DockerfileScan.scan(file, null, null, DockerfileSettings.DEFAULT);
      } catch (InputException e) {
        assertThat(row.exit()).as(file + " was rejected: " + e.getMessage()).isEqualTo(3);
        return;
      }
      if (row.exit() == 3) {
        fail(file + " should be rejected as input, but was read with " + findings.size() + " findings");
      }
      String summary = findings.stream().map(f -> f.ruleId() + ":" + f.location().line() + " " + f.message()).toList()
          .toString();
      boolean failing = findings.stream().anyMatch(f -> f.severity().atLeast(Severity.HIGH));
      assertThat(failing ? 1 : 0).as(file + " exit code; findings: " + summary).isEqualTo(row.exit());
      check(file, row, findings.stream().filter(f -> f.ruleId().equals("DF001")).map(f -> f.location().line()).toList(),
          findings.stream().anyMatch(f -> f.ruleId().equals("DF002")), summary);
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyCorpusDockerfileGetsItsExpectedVerdictAsJsonThroughTheCommandLine() throws IOException {
    Path dir = corpus();
    return expectations().stream().map(row -> DynamicTest.dynamicTest(row.file(), () -> {
      Path file = dir.resolve(row.file());
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit = Main.run(new String[] {"dockerfile", "--format", "json", file.toString()}, new PrintWriter(out, true),
          new PrintWriter(err, true));
      assertThat(exit).as(out + "" + err).isEqualTo(row.exit());
      JsonNode json = new ObjectMapper().readTree(out.toString());
      if (row.exit() == 3) {
        assertThat(json.get("errors")).as(out.toString()).isNotEmpty();
        return;
      }
      List<Integer> df001 = new ArrayList<>();
      boolean df002 = false;
      for (JsonNode f : json.get("findings")) {
        if (f.get("ruleId").asText().equals("DF001")) {
          df001.add(f.get("location").get("line").asInt());
        }
        df002 |= f.get("ruleId").asText().equals("DF002");
      }
      check(file, row, df001, df002, out.toString());
    }));
  }

  private static void check(Path file, Expectation row, List<Integer> df001Lines, boolean df002, String findings) {
    assertThat(!df001Lines.isEmpty()).as(file + " DF001; findings: " + findings).isEqualTo(row.df001());
    assertThat(df002).as(file + " DF002; findings: " + findings).isEqualTo(row.df002());
    Function<Integer, Integer> runOf = runStarts(file);
    Set<Integer> expectedRuns = row.df001Lines().stream().map(runOf).collect(Collectors.toCollection(TreeSet::new));
    Set<Integer> reportedRuns = df001Lines.stream().map(runOf).collect(Collectors.toCollection(TreeSet::new));
    assertThat(reportedRuns).as(file + ": the RUN instructions (by first line) with DF001; findings: " + findings)
        .isEqualTo(expectedRuns);
  }

  /** Maps a line to the first line of the instruction that holds it (the line itself when none does). */
  private static Function<Integer, Integer> runStarts(Path file) {
    Dockerfile d = DockerfileScan.read(file, DockerfileSettings.DEFAULT);
    List<Instruction> all = d.stages().stream().flatMap(s -> s.instructions().stream()).toList();
    return line -> all.stream().filter(in -> in.line() <= line && line <= in.endLine()).map(Instruction::line)
        .findFirst().orElse(line);
  }
}
