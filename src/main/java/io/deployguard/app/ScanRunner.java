package io.deployguard.app;

import io.deployguard.policy.Baseline;
import io.deployguard.policy.Finding;
import io.deployguard.policy.InputException;
import io.deployguard.policy.PolicyEngine;
import io.deployguard.policy.PolicySettings;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.ScanError;
import io.deployguard.policy.ScanResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one scan per input, turns unreadable inputs into {@link ScanError}s (every input is still
 * tried, and any error fails the run), then applies the policy to all findings at once.
 */
public final class ScanRunner {

  /** Scans one input; throws {@link InputException} when the input cannot be read. */
  @FunctionalInterface
  public interface InputScan {
    List<Finding> scan();
  }

  /** One input and how to scan it. */
  public record Job(String input, InputScan scan) {}

  private final PolicySettings settings;
  private final Baseline baseline;
  private final LocalDate today;

  public ScanRunner(PolicySettings settings, Baseline baseline, LocalDate today) {
    this.settings = settings;
    this.baseline = baseline;
    this.today = today;
  }

  public ScanResult run(List<Job> jobs, List<RuleMetadata> rules) {
    return run(jobs, rules, List::of);
  }

  /**
   * Runs {@code jobs}, then {@code afterAll}: checks across inputs that need what the jobs found
   * (their findings join the others before the policy is applied).
   */
  public ScanResult run(List<Job> jobs, List<RuleMetadata> rules, InputScan afterAll) {
    List<Finding> raw = new ArrayList<>();
    List<ScanError> errors = new ArrayList<>();
    List<String> inputs = new ArrayList<>();
    for (Job job : jobs) {
      inputs.add(job.input());
      try {
        raw.addAll(job.scan().scan());
      } catch (InputException e) {
        errors.add(ScanError.of(e));
      }
      // Anything else is a bug, not an unreadable input: it ends the run as an internal error.
    }
    raw.addAll(afterAll.scan());
    List<RuleMetadata> all = new ArrayList<>(rules);
    all.addAll(PolicyEngine.RULES);
    List<Finding> judged = new PolicyEngine(settings, baseline, today).apply(raw);
    return new ScanResult(Version.get(), inputs, all, judged, errors, settings.failOn(), List.of());
  }
}
