package io.deployguard.app;

import io.deployguard.policy.Finding;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.ScanResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What one command scans, prepared from the loaded configuration in one call: the jobs (one per
 * input), the rules they evaluate, the checks across inputs run once every job has, and what is
 * added to the judged result (cost notes, what a remediation did). {@link ScanRun} runs it.
 *
 * @param jobs the inputs to read, in order
 * @param rules the rules the jobs evaluate, for reports that list rules and for {@code --rule}
 * @param crossChecks findings that need every job's (EKS001); they join the others before the policy
 * @param finish notes and errors added to the judged result
 * @param alsoReads files read besides the jobs' inputs (a post-deploy check's plan), which no
 *     output may overwrite
 */
public record Scan(List<ScanRunner.Job> jobs, List<RuleMetadata> rules, ScanRunner.InputScan crossChecks,
    UnaryOperator<ScanResult> finish, List<Path> alsoReads) {

  public Scan {
    jobs = List.copyOf(jobs);
    rules = List.copyOf(rules);
    Objects.requireNonNull(crossChecks, "crossChecks");
    Objects.requireNonNull(finish, "finish");
    alsoReads = List.copyOf(alsoReads);
  }

  /** A scan that reads nothing besides its jobs' inputs. */
  public Scan(List<ScanRunner.Job> jobs, List<RuleMetadata> rules, ScanRunner.InputScan crossChecks,
      UnaryOperator<ScanResult> finish) {
    this(jobs, rules, crossChecks, finish, List.of());
  }

  /** Jobs over {@code rules}, with no check across inputs and nothing added to the result. */
  public static Scan of(List<ScanRunner.Job> jobs, List<RuleMetadata> rules) {
    return new Scan(jobs, rules, List::<Finding>of, UnaryOperator.identity());
  }

  /** This scan, adding {@code more} to the judged result after its own finish. */
  public Scan finishing(UnaryOperator<ScanResult> more) {
    return new Scan(jobs, rules, crossChecks, r -> more.apply(finish.apply(r)), alsoReads);
  }
}
