package io.deployguard.report;

import io.deployguard.policy.Finding;
import io.deployguard.policy.ScanError;
import io.deployguard.policy.ScanResult;
import java.io.IOException;
import java.io.Writer;

/** Human-readable report for a terminal or build log; ANSI colours only when asked for. */
public final class TextReporter implements Reporter {
  private final boolean color;

  public TextReporter(boolean color) {
    this.color = color;
  }

  @Override
  public String name() {
    return "text";
  }

  @Override
  public void write(ScanResult result, Writer out) throws IOException {
    for (Finding f : result.findings()) {
      out.write(f.severity() + " " + f.ruleId() + " " + f.resource() + ": " + f.message() + "\n");
      out.write("  at " + f.location().display() + "\n  fix: " + f.fix() + "\n");
    }
    for (ScanError e : result.errors()) {
      out.write("ERROR " + e.oneLine() + "\n");
    }
    out.write(result.verdict() + "\n");
  }
}
