package io.deployguard.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every scanning command shares: configuration, formats, outputs and the verdict. */
public final class ReportOptions {

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "deployguard.yml to use (default: ./deployguard.yml when present).")
  Path config;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "Format on standard output: text, json, sarif, junit, gitlab-codequality, gitlab-sast, markdown (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT=PATH",
      description = "Also write FORMAT to PATH; repeatable.")
  List<String> outputs = new ArrayList<>();

  @Option(names = "--fail-on", paramLabel = "SEVERITY",
      description = "Fail at this severity or above (info, low, medium, high, critical); overrides the configuration.")
  String failOn;

  @Option(names = "--soft-fail", description = "Report findings but exit 0 for them (input errors still exit 3).")
  boolean softFail;

  @Option(names = "--baseline", paramLabel = "FILE", description = "Report only findings not recorded in FILE.")
  Path baseline;

  @Option(names = "--write-baseline", paramLabel = "FILE", description = "Record today's findings in FILE.")
  Path writeBaseline;

  @Option(names = "--no-color", description = "Plain text even on a terminal (also: NO_COLOR).")
  boolean noColor;
}
