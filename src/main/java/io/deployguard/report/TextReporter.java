package io.deployguard.report;

import io.deployguard.policy.Finding;
import io.deployguard.policy.Location;
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
public final class TextReporter implements Reporter {
  private static final Format FORMAT = new Format("text", "deployguard.txt",
      "terminals and build logs (the default)");

  @Override
  public Format format() {
    return FORMAT;
  }

  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String DIM = "\u001b[2m";
  private static final String RED_BOLD = "\u001b[1;31m";
  private static final String RED = "\u001b[31m";
  private static final String YELLOW = "\u001b[33m";
  private static final String CYAN = "\u001b[36m";
  private static final String GREEN_BOLD = "\u001b[1;32m";
  private static final String INDENT = "           ";
  private static final String PAD = "         ";

  private final boolean color;

  public TextReporter(boolean color) {
    this.color = color;
  }

  @Override
  public void write(ScanResult result, Writer out) throws IOException {
    RunSummary summary = RunSummary.of(result);
    ReportText text = new ReportText(out);
    text.append(paint(BOLD, "deployguard " + Texts.oneLine(result.toolVersion()))).append(": ")
        .append(summary.scope()).append('\n');
    for (Map.Entry<String, List<Finding>> group : activeByInput(result).entrySet()) {
      String input = group.getKey();
      text.append('\n').append(paint(BOLD, Texts.oneLine(input))).append('\n');
      boolean failed = result.errors().stream().anyMatch(e -> e.input().equals(input));
      if (group.getValue().isEmpty()) {
        text.append(failed ? "  not scanned: see ERROR below\n" : "  no findings\n");
      }
      for (Finding f : group.getValue()) {
        appendFinding(text, f);
        text.drainWhenFull();
      }
    }
    List<Finding> suppressed = result.findings().stream().filter(Finding::suppressed).toList();
    if (!suppressed.isEmpty()) {
      text.append('\n').append(paint(DIM, "Suppressed (not counted):")).append('\n');
      for (Finding f : suppressed) {
        String kind = switch (f.suppression().kind()) {
          case WAIVER -> "waived   ";
          case BASELINE -> "baselined";
          case EXEMPTION -> "exempt   ";
          case INLINE -> "inline   ";
          case SKIPPED -> "skipped  ";
        };
        text.append(color ? DIM : "").append("  ").append(kind).append(' ').append(f.ruleId()).append(' ')
            .oneLine(f.resource()).append(" (").oneLine(f.suppression().reason()).append(')')
            .append(color ? RESET : "").append('\n');
        text.drainWhenFull();
      }
    }
    if (!result.errors().isEmpty()) {
      text.append('\n');
      for (ScanError e : result.errors()) {
        text.append(paint(RED_BOLD, "ERROR")).append(' ').oneLine(e.oneLine()).append('\n');
      }
    }
    for (ScanResult.Note note : result.notes()) {
      text.append('\n').append(paint(BOLD, "Note: " + Texts.oneLine(note.title()))).append('\n');
      text.append("  ").printable(note.text(), "  ").append('\n');
    }
    text.append('\n').append(summary.line(this::verdict)).append('\n');
    text.drain();
  }

  private void appendFinding(ReportText text, Finding f) {
    String sev = f.severity().name();
    text.append("  ").append(paint(severityColour(f.severity()), sev)).append(PAD, 9 - sev.length())
        .append(f.ruleId()).append(' ').oneLine(f.resource()).append("  ")
        .printable(f.message(), INDENT).append('\n');
    text.append(INDENT).append("at ");
    appendLocation(text, f.location());
    text.append('\n');
    text.append(INDENT).append("fix: ").oneLineRepeated(f.fix()).append('\n');
  }

  /**
   * {@link Texts#oneLine} of {@link Location#display()}, piece by piece, so that the input's path,
   * the same in every finding of a plan, is cleaned up once.
   */
  private static void appendLocation(ReportText text, Location at) {
    text.oneLineRepeated(at.input());
    if (at.line() != null) {
      text.append(':').append(at.line());
    }
    if (at.pointer() != null && !at.pointer().isEmpty()) {
      text.append(" (").oneLine(at.pointer()).append(')');
    }
  }

  /**
   * Inputs in the order given, then any input only findings or errors name; active findings each.
   * A plan finding located at its .tf line stays under its plan (its "at" line names the .tf file).
   */
  private static Map<String, List<Finding>> activeByInput(ScanResult result) {
    Map<String, List<Finding>> groups = new LinkedHashMap<>();
    result.inputs().forEach(i -> groups.put(i, new ArrayList<>()));
    String input = null;
    List<Finding> group = null;
    for (Finding f : result.findings()) {
      // Findings in a row nearly always share their input: one look-up per run of them.
      String in = f.input();
      if (!in.equals(input)) {
        input = in;
        group = groups.computeIfAbsent(in, k -> new ArrayList<>());
      }
      if (!f.suppressed()) {
        group.add(f);
      }
    }
    result.errors().forEach(e -> groups.computeIfAbsent(e.input(), k -> new ArrayList<>()));
    groups.replaceAll((k, g) -> Texts.mostSevereFirst(g));
    return groups;
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
