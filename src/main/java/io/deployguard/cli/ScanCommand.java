package io.deployguard.cli;

import io.deployguard.app.BaselineFile;
import io.deployguard.app.ConfigLoader;
import io.deployguard.app.ExitStatus;
import io.deployguard.app.ReportFiles;
import io.deployguard.app.RuleSelection;
import io.deployguard.app.ScanRunner;
import io.deployguard.app.SourceRoot;
import io.deployguard.policy.Baseline;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.PolicySettings;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.ScanResult;
import io.deployguard.policy.Severity;
import io.deployguard.report.Reporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every scanning command does around its scan: load the configuration, check every option
 * before scanning anything, run the jobs through the policy, write every requested format, and
 * turn the verdict into an exit code ({@link ExitStatus}).
 */
abstract class ScanCommand implements Callable<Integer> {

  @Mixin ReportOptions report;

  @Mixin SelectionOptions selection;

  @Spec CommandSpec spec;

  /** The inputs to scan, given the loaded configuration. */
  protected abstract List<ScanRunner.Job> jobs(ConfigLoader.Loaded config);

  /** The rules this command evaluates (for reports that list rules). */
  protected abstract List<RuleMetadata> rules();

  /** Checks across inputs, run after every job; none by default. */
  protected List<io.deployguard.policy.Finding> crossChecks() {
    return List.of();
  }

  /** Adds notes (cost estimates, actions taken) to the result; none by default. */
  protected ScanResult annotate(ScanResult result, ConfigLoader.Loaded config) {
    return result;
  }

  /** The day waiver expiry is judged against: today in UTC. */
  protected LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }

  @Override
  public Integer call() throws IOException {
    ConfigLoader.Loaded config = ConfigLoader.find(report.config, Path.of(""));
    PolicySettings policy = config.policy();
    if (report.failOn != null) {
      try {
        policy = policy.withFailOn(Severity.parse(report.failOn));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--fail-on: " + e.getMessage());
      }
    }
    Baseline baseline = report.baseline == null ? Baseline.NONE : BaselineFile.read(report.baseline);
    if (baseline.legacy()) {
      spec.commandLine().getErr().println("deployguard: " + BaselineFile.migrationNote(report.baseline));
    }
    boolean text = "text".equalsIgnoreCase(report.format);
    Reporter stdout = ReportFiles.reporter(report.format, text && Terminal.color(report.noColor), "--format");
    List<OutputTarget> files = outputTargets();
    SourceRoot root = SourceRoot.find(selection.sourceRoot != null ? selection.sourceRoot : config.sourceRoot(), Path.of(""));

    if (this instanceof RemediateCommand && !(selection.only.isEmpty() && selection.skip.isEmpty())) {
      // Remediation decides what to revoke from the configuration; a report narrowed by --rule
      // would not say what --apply does.
      throw new ConfigException("remediate: --rule and --skip-rule do not apply (switch rules off under rules: in"
          + " deployguard.yml, which remediation follows)");
    }
    List<ScanRunner.Job> jobs = jobs(config);
    RuleSelection chosen = RuleSelection.of(selection.only, selection.skip, rules(), spec.qualifiedName());
    ScanResult result = annotate(new ScanRunner(chosen.applyTo(policy, rules()), baseline, today(), root)
        .ignoring(chosen.skips())
        .run(jobs, chosen.rules(), this::crossChecks), config).withSoftFail(report.softFail);

    PrintWriter out = spec.commandLine().getOut();
    stdout.write(result, out);
    out.flush();
    for (OutputTarget t : files) {
      ReportFiles.write(result, t.reporter(), t.path());
    }
    if (report.writeBaseline != null) {
      BaselineFile.write(report.writeBaseline, result);
    }
    if (!text) {
      // Structured output goes to stdout; errors still reach a person on stderr.
      PrintWriter err = spec.commandLine().getErr();
      result.errors().forEach(e -> err.println("deployguard: " + e.oneLine()));
      err.flush();
    }
    return ExitStatus.of(result, report.softFail).code();
  }

  private record OutputTarget(Reporter reporter, Path path) {}

  /** {@code --output FORMAT=PATH}, each checked before anything is scanned. */
  private List<OutputTarget> outputTargets() {
    List<OutputTarget> list = new ArrayList<>();
    for (String o : report.outputs) {
      int eq = o.indexOf('=');
      if (eq <= 0 || eq == o.length() - 1) {
        throw new ConfigException("--output " + o + ": write FORMAT=PATH, e.g. --output sarif=build/deployguard.sarif");
      }
      list.add(new OutputTarget(ReportFiles.reporter(o.substring(0, eq), false, "--output " + o),
          Path.of(o.substring(eq + 1))));
    }
    return list;
  }
}
