package io.deployguard.cli;

import io.deployguard.app.BaselineFile;
import io.deployguard.app.ConfigLoader;
import io.deployguard.app.ScanRunner;
import io.deployguard.policy.Baseline;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.PolicySettings;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.ScanResult;
import io.deployguard.policy.Severity;
import io.deployguard.report.Reporter;
import io.deployguard.report.Reporters;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every scanning command does around its scan: load the configuration, run the jobs
 * through the policy, write every requested format, and turn the verdict into an exit code.
 */
abstract class ScanCommand implements Callable<Integer> {

  @Mixin ReportOptions report;

  @Spec CommandSpec spec;

  /** The inputs to scan, given the loaded configuration. */
  protected abstract List<ScanRunner.Job> jobs(ConfigLoader.Loaded config);

  /** The rules this command evaluates (for reports that list rules). */
  protected abstract List<RuleMetadata> rules();

  /** Adds notes (cost estimates, actions taken) to the result; none by default. */
  protected ScanResult annotate(ScanResult result, ConfigLoader.Loaded config) {
    return result;
  }

  @Override
  public Integer call() throws IOException {
    ConfigLoader.Loaded config = loadConfig(report.config);
    PolicySettings policy = config.policy();
    if (report.failOn != null) {
      try {
        policy = policy.withFailOn(Severity.parse(report.failOn));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--fail-on: " + e.getMessage());
      }
    }
    Baseline baseline = report.baseline == null ? Baseline.NONE : BaselineFile.read(report.baseline);
    List<OutputTarget> targets = targets();
    ScanRunner runner = new ScanRunner(policy, baseline, LocalDate.now(ZoneOffset.UTC));
    ScanResult result = annotate(runner.run(jobs(config), rules()), config);
    PrintWriter out = spec.commandLine().getOut();
    for (OutputTarget t : targets) {
      if (t.path() == null) {
        t.reporter().write(result, out);
        out.flush();
      } else {
        Path parent = t.path().toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(t.path(), StandardCharsets.UTF_8)) {
          t.reporter().write(result, w);
        }
      }
    }
    if (report.writeBaseline != null) {
      BaselineFile.write(report.writeBaseline, result);
    }
    PrintWriter err = spec.commandLine().getErr();
    if (!"text".equals(report.format)) {
      // Structured output goes to stdout; errors still reach a human on stderr.
      result.errors().forEach(e -> err.println("deployguard: " + e.oneLine()));
    }
    err.flush();
    return switch (result.verdict()) {
      case ERROR -> ExitCode.INPUT_ERROR.code();
      case FAIL -> report.softFail ? ExitCode.OK.code() : ExitCode.FINDINGS.code();
      case PASS -> ExitCode.OK.code();
    };
  }

  /** {@code --config FILE}, else {@code ./deployguard.yml} when it exists, else the defaults. */
  static ConfigLoader.Loaded loadConfig(Path explicit) {
    if (explicit != null) {
      return ConfigLoader.load(explicit);
    }
    Path local = Path.of("deployguard.yml");
    return Files.isRegularFile(local) ? ConfigLoader.load(local) : ConfigLoader.defaults();
  }

  private record OutputTarget(Reporter reporter, Path path) {}

  private List<OutputTarget> targets() {
    boolean color = report.format.equals("text") && !report.noColor && System.getenv("NO_COLOR") == null
        && System.console() != null;
    java.util.ArrayList<OutputTarget> list = new java.util.ArrayList<>();
    list.add(new OutputTarget(reporter(report.format, color, "--format"), null));
    for (String o : report.outputs) {
      int eq = o.indexOf('=');
      if (eq <= 0 || eq == o.length() - 1) {
        throw new ConfigException("--output " + o + ": write FORMAT=PATH, e.g. --output sarif=deployguard.sarif");
      }
      list.add(new OutputTarget(reporter(o.substring(0, eq), false, "--output " + o), Path.of(o.substring(eq + 1))));
    }
    return list;
  }

  private static Reporter reporter(String name, boolean color, String option) {
    return Reporters.find(name, color).orElseThrow(() -> new ConfigException(option + ": unknown format '" + name
        + "'; use one of " + String.join(", ", Reporters.byName(false).keySet())));
  }
}
