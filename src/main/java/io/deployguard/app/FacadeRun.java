package io.deployguard.app;

import io.deployguard.policy.Baseline;
import io.deployguard.policy.PolicySettings;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.ScanResult;
import io.deployguard.report.Reporter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What the pre- and post-deploy facades do around their scans: find the configuration, apply
 * the threshold and baseline, run the jobs through the policy, write the reports and turn the
 * result into an {@link Predeploy.Outcome}. Each facade only says what to scan.
 */
final class FacadeRun {
  private FacadeRun() {}

  /** A facade's scans, prepared against the loaded configuration. */
  record Scans(List<ScanRunner.Job> jobs, List<RuleMetadata> rules, ScanRunner.InputScan afterAll,
      UnaryOperator<ScanResult> finish) {}

  static Predeploy.Outcome run(Judging j, LocalDate today, Function<ConfigLoader.Loaded, Scans> prepare) {
    Path base = j.baseDir();
    ConfigLoader.Loaded config = ConfigLoader.find(j.config() == null ? null : base.resolve(j.config()), base);
    PolicySettings policy = j.failOn() == null ? config.policy() : config.policy().withFailOn(j.failOn());
    Baseline baseline = j.baseline() == null ? Baseline.NONE : BaselineFile.read(base.resolve(j.baseline()));
    Map<String, Reporter> reporters = ReportFiles.reporters(j.formats());
    Scans scans = prepare.apply(config);
    SourceRoot root = SourceRoot.find(config.sourceRoot(), base);
    ScanResult result = scans.finish().apply(
        new ScanRunner(policy, baseline, today, root).run(scans.jobs(), scans.rules(), scans.afterAll()))
        .withSoftFail(j.softFail());
    Map<String, Path> written = j.formats().isEmpty() ? Map.of()
        : ReportFiles.writeAll(result, reporters, base.resolve(j.reportDir()));
    Predeploy.BuildResult build = Predeploy.buildResult(result, j.softFail(), j.unstableAt());
    return new Predeploy.Outcome(result, ExitStatus.of(result, j.softFail()).code(), build,
        build + ": " + io.deployguard.report.RunSummary.of(result).line(), written);
  }
}
