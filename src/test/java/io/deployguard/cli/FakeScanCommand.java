package io.deployguard.cli;

import io.deployguard.app.ConfigLoader;
import io.deployguard.app.Scan;
import io.deployguard.app.ScanRunner;
import io.deployguard.policy.Finding;
import io.deployguard.policy.InputException;
import io.deployguard.policy.Location;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * A scanning command for tests of the command line: one input, {@code fake.json}, that yields the
 * findings it was built with, plus one input per given error that cannot be read.
 */
@Command(name = "fake", mixinStandardHelpOptions = true, description = "Reports the findings it was built with.")
final class FakeScanCommand extends ScanCommand {
  static final RuleMetadata OPEN = new RuleMetadata("TST001", "Port open to the world", Severity.HIGH, "network",
      "Reachable by anyone.", "Restrict the source.");
  static final RuleMetadata NOTE = new RuleMetadata("TST002", "Egress to the world", Severity.MEDIUM, "network",
      "Exfiltration path.", "Restrict egress.");

  private final List<Finding> findings;
  private final List<RuntimeException> failures;
  boolean scanned;

  private FakeScanCommand(List<Finding> findings, List<RuntimeException> failures) {
    this.findings = findings;
    this.failures = failures;
  }

  static FakeScanCommand reporting(Finding... findings) {
    return new FakeScanCommand(List.of(findings), List.of());
  }

  static FakeScanCommand failing(RuntimeException failure, Finding... findings) {
    return new FakeScanCommand(List.of(findings), List.of(failure));
  }

  static Finding finding(RuleMetadata rule, String resource) {
    return Finding.builder(rule).resource(resource).message(rule.title() + " on " + resource)
        .location(Location.pointer("fake.json", "resource_changes[0]")).key("ingress tcp 22").build();
  }

  static InputException unreadable(String input) {
    return new InputException(input, "line 1, column 2", "not a Terraform plan", "run terraform show -json");
  }

  @Override
  protected Scan scan(ConfigLoader.Loaded config) {
    // Preparing jobs checks options; only running one reads an input.
    List<ScanRunner.Job> jobs = new ArrayList<>();
    jobs.add(new ScanRunner.Job("fake.json", () -> {
      scanned = true;
      return findings;
    }));
    for (RuntimeException e : failures) {
      jobs.add(new ScanRunner.Job(e instanceof InputException ie ? ie.input() : "broken.json", () -> {
        scanned = true;
        throw e;
      }));
    }
    return Scan.of(jobs, List.of(OPEN, NOTE));
  }

  @Override
  protected LocalDate today() {
    return LocalDate.of(2025, 6, 15);
  }
}
