package io.deployguard.cli;

import io.deployguard.app.ConfigLoader;
import io.deployguard.app.ExitStatus;
import io.deployguard.app.Scan;
import io.deployguard.app.ScanOptions;
import io.deployguard.app.ScanRun;
import io.deployguard.app.SourceRoot;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.ScanResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every scanning command adds to {@link ScanRun}: its options as {@link ScanOptions}, its
 * {@link Scan}, standard output and error, and the exit code ({@link ExitStatus}).
 */
abstract class ScanCommand implements Callable<Integer> {

  @Mixin ReportOptions report;

  @Mixin SelectionOptions selection;

  @Spec CommandSpec spec;

  // Set when QuickLine read the command line: then there is no spec.
  private String name;
  private PrintWriter out;
  private PrintWriter err;
  /** Whether {@code --format} was given, when {@link QuickLine} read the command line. */
  boolean formatGiven;

  /** Runs the command that {@link QuickLine} read, as {@code deployguard NAME}, writing to {@code out} and {@code err}. */
  final Integer call(String name, PrintWriter out, PrintWriter err) throws IOException {
    this.name = name;
    this.out = out;
    this.err = err;
    return call();
  }

  /** Standard error of the run. */
  final PrintWriter err() {
    return spec != null ? spec.commandLine().getErr() : err;
  }

  /** What this command scans, prepared from the loaded configuration; checks the command's own options. */
  protected abstract Scan scan(ConfigLoader.Loaded config);

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

  /**
   * The options of every scan, as given on this command line.
   *
   * @throws ConfigException when {@code --source-root} is not a folder: every path in the report
   *     would silently be named from the wrong place
   */
  final ScanOptions options() {
    if (selection.sourceRoot != null && SourceRoot.problem(selection.sourceRoot) != null) {
      throw new ConfigException("--source-root " + selection.sourceRoot + ": " + SourceRoot.problem(selection.sourceRoot)
          + " (give the repository root, e.g. --source-root .)");
    }
    return new ScanOptions(Path.of(""), report.config, report.failOn, report.baseline, report.writeBaseline,
        report.softFail, selection.only, selection.skip, selection.sourceRoot, report.format,
        spec != null ? spec.commandLine().getParseResult().hasMatchedOption("--format") : formatGiven,
        Terminal.color(report.noColor),
        report.outputs, today());
  }

  @Override
  public Integer call() throws IOException {
    ScanResult result = spec != null
        ? ScanRun.execute(options(), spec.qualifiedName(), this::scan, spec.commandLine().getOut(), err())
        : ScanRun.execute(options(), "deployguard " + name, this::scan, out, err);
    return ExitStatus.of(result, report.softFail).code();
  }
}
