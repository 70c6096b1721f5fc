package io.deployguard.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.deployguard.network.NetworkSettings;
import io.deployguard.policy.Finding;
import io.deployguard.policy.InputException;
import io.deployguard.policy.Severity;
import io.deployguard.testing.RealComponent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The shared corpus of real plans ({@code ../shared/corpus/terraform-plans}) against its {@code
 * EXPECTED.tsv}: exit code, rules that must be reported per address, and addresses that must get
 * nothing at HIGH or above. Skips when the corpus is absent (a user's clone), fails then in CI.
 */
class CorpusConformanceTest {

  private static Path corpus() {
    String shared = System.getProperty("deployguard.sharedDir", "../shared");
    return Path.of(shared, "corpus", "terraform-plans");
  }

  /** One line of EXPECTED.tsv. */
  record Expectation(String file, int exit, List<String> mustReport, List<String> mustNotReportHigh) {
    static Expectation parse(String line) {
      String[] f = line.split("\t", -1);
      return new Expectation(f[0], Integer.parseInt(f[1]), split(f.length > 2 ? f[2] : ""), split(f.length > 3 ? f[3] : ""));
    }

    private static List<String> split(String s) {
      return s.isBlank() ? List.of() : List.of(s.trim().split(";"));
    }
  }

  @TestFactory
  Stream<DynamicTest> everyCorpusPlanGetsItsExpectedVerdict() throws IOException {
    Path dir = corpus();
    Path expected = dir.resolve("EXPECTED.tsv");
    RealComponent.require("shared plan corpus", Files.isRegularFile(expected),
        "expected at " + expected.toAbsolutePath() + "; set -Ddeployguard.sharedDir");
    List<Expectation> rows = Files.readAllLines(expected).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#")).map(Expectation::parse).toList();
    try (Stream<Path> files = Files.list(dir)) {
      Set<String> plans = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).collect(Collectors.toSet());
      assertThat(rows.stream().map(Expectation::file).collect(Collectors.toSet()))
          .as("every corpus plan has an expectation").containsAll(plans);
    }
    return rows.stream().map(row -> DynamicTest.dynamicTest(row.file(), () -> check(dir.resolve(row.file()), row)));
  }

  private static void check(Path plan, Expectation row) {
    List<Finding> findings;
    try {
      findings = PlanScanner.scan(plan, NetworkSettings.DEFAULT, LogSettings.DEFAULT);
    } catch (InputException e) {
      assertThat(row.exit()).as(plan + " was rejected: " + e.getMessage()).isEqualTo(3);
      assertThat(e.getMessage()).contains(plan.toString()).doesNotContain("\n");
      return;
    }
    if (row.exit() == 3) {
      fail(plan + " should be rejected as input, but was read with " + findings.size() + " findings");
    }
    boolean failing = findings.stream().anyMatch(f -> f.severity().atLeast(Severity.HIGH));
    assertThat(failing ? 1 : 0).as(plan + " exit code; findings: " + summary(findings)).isEqualTo(row.exit());
    for (String must : row.mustReport()) {
      String[] parts = must.split("@", 2);
      assertThat(findings).as(plan + " must report " + must + "; findings: " + summary(findings))
          .anyMatch(f -> f.ruleId().equals(parts[0]) && f.resource().equals(parts[1]));
    }
    for (String address : row.mustNotReportHigh()) {
      assertThat(findings).as(plan + " must not report HIGH+ on " + address)
          .noneMatch(f -> f.resource().equals(address) && f.severity().atLeast(Severity.HIGH));
    }
  }

  private static String summary(List<Finding> findings) {
    List<String> s = new ArrayList<>();
    for (Finding f : findings) {
      s.add(f.ruleId() + "@" + f.resource());
    }
    return s.toString();
  }
}
