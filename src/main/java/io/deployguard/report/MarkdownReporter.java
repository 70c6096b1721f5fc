package io.deployguard.report;

import io.deployguard.policy.Finding;
import io.deployguard.policy.ScanError;
import io.deployguard.policy.ScanResult;
import io.deployguard.policy.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * GitHub/GitLab-flavoured Markdown for a merge-request comment or a Jenkins build summary: a
 * heading with the verdict, a summary table, a findings table (severity, rule, resource, message,
 * location, fix), suppressed findings in a collapsed {@code <details>} block, scan errors and
 * notes. Every value from an input is escaped, so a resource name cannot break the table, start
 * HTML or inject links; the findings table stops after {@value #MAX_ROWS} rows.
 */
public final class MarkdownReporter implements Reporter {
  private static final Format FORMAT = new Format("markdown", "deployguard.md",
      "a merge-request comment, a Jenkins build summary, $GITHUB_STEP_SUMMARY");

  @Override
  public Format format() {
    return FORMAT;
  }

  static final int MAX_ROWS = 200;
  private static final String HEADER =
      "| Severity | Rule | Resource | Message | Location | Fix |\n|---|---|---|---|---|---|\n";

  @Override
  public void write(ScanResult result, Writer out) throws IOException {
    RunSummary summary = RunSummary.of(result);
    StringBuilder sb = new StringBuilder();
    sb.append("## deployguard: ").append(verdict(summary.verdict()))
        .append(result.softFail() && summary.verdict() == ScanResult.Verdict.FAIL ? " (soft fail: does not fail the build)" : "")
        .append("\n\n");
    String counts = summary.counts();
    sb.append(cell(Character.toUpperCase(counts.charAt(0)) + counts.substring(1))).append("; failing at **").append(result.failOn().lowerName())
        .append("**. ").append(summary.scope()).append(", deployguard ")
        .append(cell(result.toolVersion())).append(".\n\n");

    sb.append("| Severity | Active |\n|---|---:|\n");
    for (int i = Severity.values().length - 1; i >= 0; i--) {
      Severity s = Severity.values()[i];
      sb.append("| ").append(Texts.capitalised(s)).append(" | ").append(summary.activeBySeverity().get(s)).append(" |\n");
    }
    sb.append("| **Failing** (").append(result.failOn().lowerName()).append(" and above) | **")
        .append(summary.failing()).append("** |\n");
    sb.append("| Waived | ").append(summary.waived()).append(" |\n");
    if (summary.exempt() > 0) {
      sb.append("| Exempt (exemption tag) | ").append(summary.exempt()).append(" |\n");
    }
    sb.append("| Baselined | ").append(summary.baselined()).append(" |\n");
    if (summary.inline() > 0) {
      sb.append("| Suppressed in source | ").append(summary.inline()).append(" |\n");
    }
    if (summary.skipped() > 0) {
      sb.append("| Skipped (--skip-rule) | ").append(summary.skipped()).append(" |\n");
    }
    sb.append("| Scan errors | ").append(summary.errors()).append(" |\n");

    List<Finding> active = Texts.mostSevereFirst(result.active());
    if (!active.isEmpty()) {
      sb.append("\n### Findings\n\n");
      // An organisation-wide run: one table per account, most severe first within it.
      Map<String, List<Finding>> byAccount = new TreeMap<>();
      active.stream().limit(MAX_ROWS).forEach(f -> byAccount.computeIfAbsent(f.details().containsKey("account")
          ? f.details().get("account_name") + " (" + f.details().get("account") + ")" : "", k -> new ArrayList<>()).add(f));
      byAccount.forEach((account, rows) -> {
        if (!account.isEmpty()) {
          sb.append("#### Account ").append(cell(account)).append("\n\n");
        }
        sb.append(HEADER);
        rows.forEach(f -> row(sb, f));
        if (byAccount.size() > 1) {
          sb.append("\n");
        }
      });
      if (active.size() > MAX_ROWS) {
        sb.append("\n").append(active.size() - MAX_ROWS)
            .append(" more findings are not shown here; see the full report (json or sarif).\n");
      }
    }
    List<Finding> suppressed = Texts.mostSevereFirst(result.findings().stream().filter(Finding::suppressed).toList());
    if (!suppressed.isEmpty()) {
      sb.append("\n<details>\n<summary>").append(RunSummary.plural(suppressed.size(), "suppressed finding"))
          .append(" (not counted)</summary>\n\n")
          .append("| Severity | Rule | Resource | Message | Suppressed by | Reason |\n|---|---|---|---|---|---|\n");
      suppressed.stream().limit(MAX_ROWS).forEach(f -> sb.append("| ").append(Texts.capitalised(f.severity()))
          .append(" | ").append(f.ruleId()).append(" | ").append(code(f.resource())).append(" | ")
          .append(cell(f.message())).append(" | ").append(switch (f.suppression().kind()) {
            case WAIVER -> "waiver";
            case BASELINE -> "baseline";
            case EXEMPTION -> "exemption tag";
            case INLINE -> "comment in source";
            case SKIPPED -> "--skip-rule";
          })
          .append(" | ").append(cell(f.suppression().reason())).append(" |\n"));
      sb.append("\n</details>\n");
    }
    if (result.hasErrors()) {
      sb.append("\n### Scan errors\n\n");
      for (ScanError e : result.errors()) {
        sb.append("- ").append(inlineCode(e.input()));
        if (!e.place().isEmpty()) {
          sb.append(" at ").append(inlineCode(e.place()));
        }
        sb.append(": ").append(cell(e.message()));
        if (!e.hint().isEmpty()) {
          sb.append(" (").append(cell(e.hint())).append(')');
        }
        sb.append('\n');
      }
    }
    if (!result.notes().isEmpty()) {
      sb.append("\n### Notes\n");
      for (ScanResult.Note note : result.notes()) {
        sb.append("\n**").append(cell(note.title())).append("**\n\n").append(noteText(note.text())).append('\n');
      }
    }
    out.write(sb.toString());
  }

  /** A note's text; its lines that start with {@code - } (remediation outcomes) become a list, one item per line. */
  private static String noteText(String text) {
    if (text.lines().noneMatch(l -> l.startsWith("- "))) {
      return cell(text);
    }
    StringBuilder sb = new StringBuilder();
    boolean inList = false;
    for (String line : text.split("\n", -1)) {
      boolean item = line.startsWith("- ");
      if (sb.length() > 0) {
        sb.append(item && inList ? "\n" : "\n\n");
      }
      sb.append(item ? "- " + cell(line.substring(2)) : cell(line));
      inList = item;
    }
    return sb.toString().stripTrailing();
  }

  private static void row(StringBuilder sb, Finding f) {
    sb.append("| ").append(Texts.capitalised(f.severity())).append(" | ").append(f.ruleId()).append(" | ")
        .append(code(f.resource())).append(" | ").append(cell(f.message())).append(" | ")
        .append(code(f.location().display())).append(" | ").append(cell(f.fix())).append(" |\n");
  }

  private static String verdict(ScanResult.Verdict v) {
    return switch (v) {
      case PASS -> "PASS";
      case FAIL -> "FAIL";
      case ERROR -> "ERROR (an input could not be scanned)";
    };
  }

  /**
   * Plain text safe in a table cell: Markdown punctuation is backslash-escaped, {@code <>&} become
   * entities (no HTML, no autolinks), line breaks become {@code <br>}.
   */
  static String cell(String s) {
    String text = Texts.printable(s);
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '\n' -> sb.append("<br>");
        case '\t' -> sb.append(' ');
        case '\\', '`', '*', '_', '[', ']', '|', '#', '~', '!', '$' -> sb.append('\\').append(c);
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * A code span that holds any text: the fence is one backtick longer than the longest run inside,
   * pipes are escaped for the table (GFM unescapes them inside code spans), line breaks are spaces.
   */
  static String code(String s) {
    return codeSpan(Texts.oneLine(s).replace("|", "\\|"));
  }

  /** A code span outside a table, where an escaped pipe would show its backslash. */
  static String inlineCode(String s) {
    return codeSpan(Texts.oneLine(s));
  }

  private static String codeSpan(String text) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      run = text.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    boolean pad = text.startsWith("`") || text.endsWith("`") || text.isBlank();
    return pad ? fence + " " + text + " " + fence : fence + text + fence;
  }

}
