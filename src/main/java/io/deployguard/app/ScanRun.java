package io.deployguard.app;

import io.deployguard.policy.Baseline;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.PolicySettings;
import io.deployguard.policy.ScanResult;
import io.deployguard.policy.Severity;
import io.deployguard.report.Reporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one run every front end drives: options and a {@link Scan} in, the judged {@link
 * ScanResult} out, the reports and the baseline written. In order: load the configuration, check
 * every option and output before anything is scanned (a known format, one report per path and on
 * standard output, no output that is an input of the run, a path that can be written), prepare
 * the scan, select rules, run the jobs through the policy, finish, soft fail, write standard
 * output, the errors on standard error, every report file and the baseline. The exit code is
 * {@link ExitStatus#of}.
 */
public final class ScanRun {
  private ScanRun() {}

  /** A report to write: to {@code path}, or to standard output when {@code path} is null ({@code -o FORMAT=-}). */
  private record Output(Reporter reporter, Path path) {}

  /**
   * Runs {@code prepare}'s scan with {@code options}.
   *
   * @param command what to name in errors about rule selection ({@code deployguard plan})
   * @param out standard output, where the {@code format} report goes
   * @param err standard error: notes for the user and one line per input error
   * @throws ConfigException when an option, the configuration or an output is wrong (nothing is scanned)
   * @throws IOException when standard output cannot be written
   */
  public static ScanResult execute(ScanOptions options, String command, Function<ConfigLoader.Loaded, Scan> prepare,
      PrintWriter out, PrintWriter err) throws IOException {
    Path base = options.baseDir();
    ConfigLoader.Loaded config = ConfigLoader.find(options.config() == null ? null : base.resolve(options.config()),
        base);
    return execute(options, config, command, prepare, out, err);
  }

  /**
   * As {@link #execute(ScanOptions, String, Function, PrintWriter, PrintWriter)}, with the
   * configuration already loaded (a front end that finds it its own way, such as the Lambda
   * handler from {@code DEPLOYGUARD_CONFIG}); {@code options.config()} is not read.
   */
  public static ScanResult execute(ScanOptions options, ConfigLoader.Loaded config, String command,
      Function<ConfigLoader.Loaded, Scan> prepare, PrintWriter out, PrintWriter err) throws IOException {
    Path base = options.baseDir();
    PolicySettings policy = config.policy();
    if (options.failOn() != null) {
      try {
        policy = policy.withFailOn(Severity.parse(options.failOn()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--fail-on: " + e.getMessage());
      }
    }
    Path baselinePath = options.baseline() == null ? null : base.resolve(options.baseline());
    Baseline baseline = baselinePath == null ? Baseline.NONE : BaselineFile.read(baselinePath);
    boolean text = "text".equalsIgnoreCase(options.format());
    Reporter format = ReportFiles.reporter(options.format(), text && options.color(), "--format");
    List<Output> targets = outputs(options);
    Reporter stdout = targets.stream().filter(t -> t.path() == null).map(Output::reporter).findFirst().orElse(format);
    SourceRoot root = SourceRoot.find(options.sourceRoot() != null ? options.sourceRoot() : config.sourceRoot(), base);
    Scan scan = prepare.apply(config);
    refuseInputs(options, targets, scan, config);
    if (baseline.legacy()) {
      err.println("deployguard: " + BaselineFile.migrationNote(baselinePath));
    }
    RuleSelection chosen = RuleSelection.of(options.rules(), options.skipRules(), scan.rules(), command);
    ScanResult result = scan.finish().apply(new ScanRunner(chosen.applyTo(policy, scan.rules()), baseline,
        options.today(), root).ignoring(chosen.skips()).run(scan.jobs(), chosen.rules(), scan.crossChecks()))
        .withSoftFail(options.softFail());

    stdout.write(result, out);
    out.flush();
    // Errors reach a person on stderr in every format, also when stdout goes to a file or a tool.
    result.errors().forEach(e -> err.println("deployguard: " + e.oneLine()));
    err.flush();
    for (Output t : targets) {
      if (t.path() != null) {
        ReportFiles.write(result, t.reporter(), t.path());
      }
    }
    if (options.writeBaseline() != null) {
      BaselineFile.write(base.resolve(options.writeBaseline()), result);
    }
    return result;
  }

  /**
   * {@code --output FORMAT=PATH} and {@code --write-baseline}, all checked before anything is
   * scanned: a known format, one report per path and on standard output, and a path that can be written.
   */
  private static List<Output> outputs(ScanOptions options) {
    List<Output> list = new ArrayList<>();
    Map<Path, String> claimed = new HashMap<>();
    for (String o : options.outputs()) {
      int eq = o.indexOf('=');
      if (eq <= 0 || eq == o.length() - 1) {
        throw new ConfigException("--output " + o + ": write FORMAT=PATH, e.g. --output sarif=build/deployguard.sarif");
      }
      String format = o.substring(0, eq);
      String where = o.substring(eq + 1);
      if (where.equals("-")) {
        if (claimed.containsKey(null) || options.formatGiven()) {
          throw new ConfigException("--output " + o + ": " + (claimed.containsKey(null) ? claimed.get(null)
              : "--format " + options.format()) + " already writes standard output (keep one report there)");
        }
        claimed.put(null, "--output " + o);
        list.add(new Output(ReportFiles.reporter(format, format.equals("text") && options.color(), "--output " + o),
            null));
        continue;
      }
      Path path = options.baseDir().resolve(where);
      claim(claimed, path, "--output " + o);
      OutputFiles.checkWritable(path, format + " report", "--output " + o);
      list.add(new Output(ReportFiles.reporter(format, false, "--output " + o), path));
    }
    Path baseline = options.writeBaseline();
    if (baseline != null) {
      claim(claimed, options.baseDir().resolve(baseline), "--write-baseline " + baseline);
      OutputFiles.checkWritable(options.baseDir().resolve(baseline), "baseline", "--write-baseline " + baseline);
    }
    return list;
  }

  /** Takes {@code path} for {@code option}, refusing a path another output already has. */
  private static void claim(Map<Path, String> claimed, Path path, String option) {
    String other = claimed.putIfAbsent(path.toAbsolutePath().normalize(), option);
    if (other != null) {
      throw new ConfigException(option + ": " + other + " writes the same file (give each output its own path)");
    }
  }

  /** Refuses an output path that is one of the run's inputs (a plan, the configuration, the baseline, what the scan also reads). */
  private static void refuseInputs(ScanOptions options, List<Output> targets, Scan scan, ConfigLoader.Loaded config) {
    List<Path> outputs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Output t : targets) {
      if (t.path() != null) {
        outputs.add(t.path());
        names.add("--output " + t.reporter().name() + "=" + t.path());
      }
    }
    if (options.writeBaseline() != null) {
      outputs.add(options.baseDir().resolve(options.writeBaseline()));
      names.add("--write-baseline " + options.writeBaseline());
    }
    List<String> inputs = new ArrayList<>();
    scan.jobs().forEach(j -> inputs.add(j.input()));
    scan.alsoReads().forEach(f -> inputs.add(f.toString()));
    if (config.path() != null) {
      inputs.add(config.path().toString());
    }
    if (options.baseline() != null) {
      inputs.add(options.baseDir().resolve(options.baseline()).toString());
    }
    for (int i = 0; i < outputs.size(); i++) {
      Path key = outputs.get(i).toAbsolutePath().normalize();
      for (String input : inputs) {
        // Image sources carry a transport (oci-archive:PATH); the part after it is the file.
        for (String candidate : List.of(input, input.substring(input.indexOf(':') + 1))) {
          if (samePath(key, candidate)) {
            throw new ConfigException(names.get(i) + ": " + outputs.get(i) + " is an input of this run (" + input
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
    } catch (InvalidPathException | IOException e) {
      return false;
    }
  }
}
