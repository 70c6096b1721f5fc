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
import java.nio.file.Files;
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

  /** Refuses '-' given more than once: standard input can be read once. */
  protected static void stdinAtMostOnce(List<Path> inputs) {
    if (inputs.stream().filter(p -> p.toString().equals("-")).count() > 1) {
      throw new ConfigException("-: standard input can be read once; give '-' once");
    }
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
    boolean text = "text".equalsIgnoreCase(report.format);
    Reporter format = ReportFiles.reporter(report.format, text && Terminal.color(report.noColor), "--format");
    List<OutputTarget> targets = outputTargets();
    Reporter stdout = targets.stream().filter(t -> t.path() == null).map(OutputTarget::reporter).findFirst().orElse(format);
    SourceRoot root = SourceRoot.find(selection.sourceRoot != null ? selection.sourceRoot : config.sourceRoot(), Path.of(""));
    if (this instanceof RemediateCommand && !(selection.only.isEmpty() && selection.skip.isEmpty())) {
      // Remediation decides what to revoke from the configuration; a report narrowed by --rule
      // would not say what --apply does.
      throw new ConfigException("remediate: --rule and --skip-rule do not apply (switch rules off under rules: in"
          + " deployguard.yml, which remediation follows)");
    }
    List<ScanRunner.Job> jobs = jobs(config);
    refuseInputs(targets, jobs, config);
    if (baseline.legacy()) {
      spec.commandLine().getErr().println("deployguard: " + BaselineFile.migrationNote(report.baseline));
    }
    RuleSelection chosen = RuleSelection.of(selection.only, selection.skip, rules(), spec.qualifiedName());
    ScanResult result = annotate(new ScanRunner(chosen.applyTo(policy, rules()), baseline, today(), root)
        .ignoring(chosen.skips())
        .run(jobs, chosen.rules(), this::crossChecks), config).withSoftFail(report.softFail);

    PrintWriter out = spec.commandLine().getOut();
    stdout.write(result, out);
    out.flush();
    // Errors reach a person on stderr in every format, also when stdout goes to a file or a tool.
    PrintWriter err = spec.commandLine().getErr();
    result.errors().forEach(e -> err.println("deployguard: " + e.oneLine()));
    err.flush();
    for (OutputTarget t : targets) {
      if (t.path() != null) {
        ReportFiles.write(result, t.reporter(), t.path());
      }
    }
    if (report.writeBaseline != null) {
      BaselineFile.write(report.writeBaseline, result);
    }
    return ExitStatus.of(result, report.softFail).code();
  }

  /** A report to write: to {@code path}, or to standard output when {@code path} is null ({@code -o FORMAT=-}). */
  private record OutputTarget(Reporter reporter, Path path) {}

  /**
   * {@code --output FORMAT=PATH} and {@code --write-baseline}, all checked before anything is
   * scanned: a known format, one report per path and on standard output, no path that is an
   * input, and a path that can be written.
   */
  private List<OutputTarget> outputTargets() {
    List<OutputTarget> list = new ArrayList<>();
    java.util.Map<Path, String> claimed = new java.util.HashMap<>();
    for (String o : report.outputs) {
      int eq = o.indexOf('=');
      if (eq <= 0 || eq == o.length() - 1) {
        throw new ConfigException("--output " + o + ": write FORMAT=PATH, e.g. --output sarif=build/deployguard.sarif");
      }
      String format = o.substring(0, eq);
      String where = o.substring(eq + 1);
      if (where.equals("-")) {
        if (claimed.containsKey(null) || spec.commandLine().getParseResult().hasMatchedOption("--format")) {
          throw new ConfigException("--output " + o + ": " + (claimed.containsKey(null) ? claimed.get(null)
              : "--format " + report.format) + " already writes standard output (keep one report there)");
        }
        claimed.put(null, "--output " + o);
        list.add(new OutputTarget(ReportFiles.reporter(format, format.equals("text") && Terminal.color(report.noColor),
            "--output " + o), null));
        continue;
      }
      Path path = Path.of(where);
      claim(claimed, path, "--output " + o);
      io.deployguard.app.OutputFiles.checkWritable(path, format + " report", "--output " + o);
      list.add(new OutputTarget(ReportFiles.reporter(format, false, "--output " + o), path));
    }
    if (report.writeBaseline != null) {
      claim(claimed, report.writeBaseline, "--write-baseline " + report.writeBaseline);
      io.deployguard.app.OutputFiles.checkWritable(report.writeBaseline, "baseline",
          "--write-baseline " + report.writeBaseline);
    }
    return list;
  }

  /** Takes {@code path} for {@code option}, refusing a path another output already has. */
  private static void claim(java.util.Map<Path, String> claimed, Path path, String option) {
    String other = claimed.putIfAbsent(path.toAbsolutePath().normalize(), option);
    if (other != null) {
      throw new ConfigException(option + ": " + other + " writes the same file (give each output its own path)");
    }
  }

  /** Refuses an output path that is one of the run's inputs (a plan, the configuration, the baseline). */
  private void refuseInputs(List<OutputTarget> targets, List<ScanRunner.Job> jobs, ConfigLoader.Loaded config) {
    List<Path> outputs = new ArrayList<>();
    List<String> options = new ArrayList<>();
    for (OutputTarget t : targets) {
      if (t.path() != null) {
        outputs.add(t.path());
        options.add("--output " + t.reporter().name() + "=" + t.path());
      }
    }
    if (report.writeBaseline != null) {
      outputs.add(report.writeBaseline);
      options.add("--write-baseline " + report.writeBaseline);
    }
    List<String> inputs = new ArrayList<>();
    jobs.forEach(j -> inputs.add(j.input()));
    if (config.path() != null) {
      inputs.add(config.path().toString());
    }
    if (report.baseline != null) {
      inputs.add(report.baseline.toString());
    }
    for (int i = 0; i < outputs.size(); i++) {
      Path key = outputs.get(i).toAbsolutePath().normalize();
      for (String input : inputs) {
        // Image sources carry a transport (oci-archive:PATH); the part after it is the file.
        for (String candidate : List.of(input, input.substring(input.indexOf(':') + 1))) {
          if (samePath(key, candidate)) {
            throw new ConfigException(options.get(i) + ": " + outputs.get(i) + " is an input of this run (" + input
                + "); writing it would overwrite it (choose another path)");
          }
        }
      }
    }
  }

  private static boolean samePath(Path output, String input) {
    try {
      Path in = Path.of(input).toAbsolutePath().normalize();
      return in.equals(output) || (Files.exists(in) && Files.exists(output) && Files.isSameFile(in, output));
    } catch (java.nio.file.InvalidPathException | IOException e) {
      return false;
    }
  }
}
