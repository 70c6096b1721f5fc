package io.deployguard.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every scanning command shares about which rules run and where paths are named from. */
public final class SelectionOptions {

  @Option(names = "--rule", paramLabel = "ID",
      description = "Run only this rule; repeatable (an unknown id is a usage error).")
  List<String> only = new ArrayList<>();

  @Option(names = "--skip-rule", paramLabel = "ID=REASON",
      description = "Report this rule's findings as suppressed (skipped) with REASON, which is required;"
          + " repeatable (an unknown id is a usage error).")
  List<String> skip = new ArrayList<>();

  @Option(names = "--source-root", paramLabel = "DIR",
      description = "Repository root that paths in findings, fingerprints and waivers are relative to"
          + " (default: source_root of the configuration, else the git top level, else the working directory);"
          + " for plans also where the .tf files are (else the plan's folder when it holds any).")
  Path sourceRoot;
}
