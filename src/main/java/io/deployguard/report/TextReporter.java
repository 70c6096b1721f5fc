package io.deployguard.report;

import io.deployguard.policy.Finding;
import io.deployguard.policy.ScanError;
import io.deployguard.policy.ScanResult;
import io.deployguard.policy.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Human-readable report for a terminal or build log: findings grouped by input, one line each
 * ({@code SEVERITY RULE resource  message}) with their location and fix below, suppressed findings
 * in a separate short list, scan errors, notes, and a closing summary line. ANSI colours only when
 * constructed with {@code color = true}; otherwise the output holds no escape character at all.
 */
@Reporter.Format(name = "text", fileName = "deployguard.txt",
    description = "terminals and build logs (the default)")
public final class TextReporter implements Reporter {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String DIM = "\u001b[2m";
  private static final String RED_BOLD = "\u001b[1;31m";
  private static final String RED = "\u001b[31m";
  private static final String YELLOW = "\u001b[33m";
  private static final String CYAN = "\u001b[36m";
  private static final String GREEN_BOLD = "\u001b[1;32m";
  private static final String INDENT = "           ";

  private final boolean color;

  public TextReporter(boolean color) {
    this.color = color;
  }

  @Override
  public void write(ScanResult result, Writer out) throws IOException {
    RunSummary summary = RunSummary.of(result);
    StringBuilder sb = new StringBuilder();
    sb.append(paint(BOLD, "deployguard " + Texts.oneLine(result.toolVersion()))).append(": ")
        .append(summary.scope()).append('\n');
    for (Map.Entry<String, List<Finding>> group : activeByInput(result).entrySet()) {
      String input = group.getKey();
      sb.append('\n').append(paint(BOLD, Texts.oneLine(input))).append('\n');
      boolean failed = result.errors().stream().anyMatch(e -> e.input().equals(input));
      if (group.getValue().isEmpty()) {
        sb.append(failed ? "  not scanned: see ERROR below\n" : "  no findings\n");
      }
      for (Finding f : group.getValue()) {
        appendFinding(sb, f);
        drainWhenFull(sb, out);
      }
    }
    List<Finding> suppressed = result.findings().stream().filter(Finding::suppressed).toList();
    if (!suppressed.isEmpty()) {
      sb.append('\n').append(paint(DIM, "Suppressed (not counted):")).append('\n');
      for (Finding f : suppressed) {
        String kind = switch (f.suppression().kind()) {
          case WAIVER -> "waived   ";
          case BASELINE -> "baselined";
          case EXEMPTION -> "exempt   ";
          case INLINE -> "inline   ";
          case SKIPPED -> "skipped  ";
        };
        sb.append(paint(DIM, "  " + kind + " " + f.ruleId() + " " + Texts.oneLine(f.resource()) + " ("
            + Texts.oneLine(f.suppression().reason()) + ")")).append('\n');
        drainWhenFull(sb, out);
      }
    }
    if (!result.errors().isEmpty()) {
      sb.append('\n');
      for (ScanError e : result.errors()) {
        sb.append(paint(RED_BOLD, "ERROR")).append(' ').append(Texts.oneLine(e.oneLine())).append('\n');
      }
    }
    for (ScanResult.Note note : result.notes()) {
      sb.append('\n').append(paint(BOLD, "Note: " + Texts.oneLine(note.title()))).append('\n');
      sb.append(indent(Texts.printable(note.text()), "  ")).append('\n');
    }
    sb.append('\n').append(summary.line(this::verdict)).append('\n');
    out.write(sb.toString());
  }

  /**
   * Hands the text to {@code out} in pieces of about 64 KB, so that a report of 100,000 findings
   * is never held whole in memory.
   */
  private static void drainWhenFull(StringBuilder sb, Writer out) throws IOException {
    if (sb.length() >= 1 << 16) {
      out.append(sb);
      sb.setLength(0);
    }
  }

  private void appendFinding(StringBuilder sb, Finding f) {
    String sev = f.severity().name();
    sb.append("  ").append(paint(severityColour(f.severity()), sev)).append(" ".repeat(9 - sev.length()))
        .append(f.ruleId()).append(' ').append(Texts.oneLine(f.resource())).append("  ")
        .append(Texts.printable(f.message()).replace("\n", "\n" + INDENT)).append('\n');
    sb.append(INDENT).append("at ").append(Texts.oneLine(f.location().display())).append('\n');
    sb.append(INDENT).append("fix: ").append(Texts.oneLine(f.fix())).append('\n');
  }

  /**
   * Inputs in the order given, then any input only findings or errors name; active findings each.
   * A plan finding located at its .tf line stays under its plan (its "at" line names the .tf file).
   */
  private static Map<String, List<Finding>> activeByInput(ScanResult result) {
    Map<String, List<Finding>> groups = new LinkedHashMap<>();
    result.inputs().forEach(i -> groups.put(i, new ArrayList<>()));
    for (Finding f : result.findings()) {
      List<Finding> group = groups.computeIfAbsent(f.input(), k -> new ArrayList<>());
      if (!f.suppressed()) {
        group.add(f);
      }
    }
    result.errors().forEach(e -> groups.computeIfAbsent(e.input(), k -> new ArrayList<>()));
    groups.values().forEach(g -> g.sort(Texts.MOST_SEVERE_FIRST));
    return groups;
  }

  private static String indent(String text, String prefix) {
    return prefix + text.replace("\n", "\n" + prefix);
  }

  /** The verdict's word in its colour: green for a pass, red otherwise. */
  private String verdict(String word) {
    return paint(word.equals(ScanResult.Verdict.PASS.name()) ? GREEN_BOLD : RED_BOLD, word);
  }

  private static String severityColour(Severity s) {
    return switch (s) {
      case CRITICAL -> RED_BOLD;
      case HIGH -> RED;
      case MEDIUM -> YELLOW;
      case LOW -> CYAN;
      case INFO -> DIM;
    };
  }

  private String paint(String code, String text) {
    return color ? code + text + RESET : text;
  }
}
