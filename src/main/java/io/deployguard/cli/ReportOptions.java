package io.deployguard.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Options every scanning command shares: configuration, formats, outputs and the verdict. Its
 * footer (the exit codes) is shown in every scanning command's help.
 */
@Command(
    footerHeading = "%nExit codes:%n",
    footer = {
        "  0  no finding at or above the fail threshold (or --soft-fail)",
        "  1  findings at or above the fail threshold",
        "  2  usage or configuration error",
        "  3  an input could not be read, scanned or crossed a limit; wins over findings",
        "     and --soft-fail",
        "  4  internal error (a bug: please report it; --debug prints the stack trace)"})
public final class ReportOptions {

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "deployguard.yml to use (default: ./deployguard.yml when present).")
  Path config;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text", completionCandidates = Formats.class,
      description = "Format on standard output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT=PATH",
      description = "Also write FORMAT to PATH (folders are created); repeatable, e.g. -o sarif=build/dg.sarif -o junit=build/dg.xml.")
  List<String> outputs = new ArrayList<>();

  @Option(names = "--fail-on", paramLabel = "SEVERITY",
      description = "Fail at this severity or above: info, low, medium, high, critical (default: fail_on of the configuration, else high).")
  String failOn;

  @Option(names = "--soft-fail", description = "Report findings but exit 0 for them (input errors still exit 3).")
  boolean softFail;

  @Option(names = "--baseline", paramLabel = "FILE", description = "Report only findings not recorded in FILE.")
  Path baseline;

  @Option(names = "--write-baseline", paramLabel = "FILE", description = "Record the findings of this run"
      + " (except waived, exempt, source-suppressed and skipped ones) in FILE for --baseline.")
  Path writeBaseline;

  @Option(names = "--no-color", description = "Plain text even on a terminal (also: NO_COLOR).")
  boolean noColor;

  /** The format names for {@code --help}, from the one list of reporters. */
  static final class Formats implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return io.deployguard.report.Reporters.names().iterator();
    }
  }
}
