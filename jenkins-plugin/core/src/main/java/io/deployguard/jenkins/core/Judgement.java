package io.deployguard.jenkins.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a step makes of the command line's exit code and JSON report: the build result, the one
 * line it logs (or fails with), and the map the step returns to the Pipeline script.
 *
 * <ul>
 *   <li>exit 0: SUCCESS, or UNSTABLE when {@code unstableAt} is set and the report counts active
 *       findings at or above it;
 *   <li>exit 1 (findings at or above the fail threshold): FAILURE, or UNSTABLE with {@code softFail};
 *   <li>exit 2 (usage or configuration), 3 (input could not be read), 4 (internal error), or any
 *       other code: FAILURE; the tool's own one-line error is already in the log above.
 * </ul>
 *
 * A pass or soft failure needs the JSON report the run wrote: without a readable one the step
 * fails rather than reporting a pass it cannot show.
 *
 * @param result the build result
 * @param message the line for the build log, or the failure's message
 * @param value what the step returns: {@code verdict}, {@code result}, {@code counts}, {@code reports}
 */
public record Judgement(BuildResult result, String message, Map<String, Object> value) {

  /** The results a step can give. */
  public enum BuildResult { SUCCESS, UNSTABLE, FAILURE }

  public Judgement {
    value = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(value));
  }

  /**
   * Judges one run.
   *
   * @param step the step's name, first word of the message
   * @param exitCode the command line's exit code
   * @param reportText the JSON report's content, or {@code null} when the run wrote none
   * @param softFail findings at the threshold make the build UNSTABLE instead of failing it
   * @param unstableAt findings at or above this (below the threshold) make the build UNSTABLE; {@code null}: never
   * @param reportsDir where the reports are
   * @param reports the reports asked for
   */
  public static Judgement of(String step, int exitCode, String reportText, boolean softFail, Severity unstableAt,
      ReportsDir reportsDir, List<ReportFile> reports) {
    Map<String, String> paths = new LinkedHashMap<>();
    reports.forEach(r -> paths.put(r.format(), reportsDir.file(r)));
    String where = " Reports: " + String.join(", ", paths.values()) + ".";

    if (exitCode != 0 && exitCode != 1) {
      return failure(step + ": " + reason(exitCode) + " (exit code " + exitCode + ").", paths);
    }
    ScanReport report;
    String jsonPath = reportsDir.file(ReportFile.JSON);
    if (reportText == null) {
      return failure(step + ": deployguard exited " + exitCode + " but wrote no " + jsonPath
          + "; the step cannot show a result it has no report of.", paths);
    }
    try {
      report = ScanReport.read(reportText, jsonPath);
    } catch (IllegalArgumentException e) {
      return failure(step + ": " + e.getMessage(), paths);
    }
    if (exitCode == 1) {
      String findings = report.counts().get("failing") + " finding(s) at or above the fail threshold '"
          + report.failOn().lowerName() + "'";
      return softFail
          ? new Judgement(BuildResult.UNSTABLE, step + ": " + findings + " mark the build UNSTABLE (softFail)." + where,
              value(report, BuildResult.UNSTABLE, paths))
          : failure(step + ": " + findings + " (exit code 1)." + where, paths);
    }
    if (unstableAt != null && report.activeAtLeast(unstableAt) > 0) {
      return new Judgement(BuildResult.UNSTABLE, step + ": " + report.activeAtLeast(unstableAt)
          + " finding(s) at or above unstableAt '" + unstableAt.lowerName() + "' (below the fail threshold '"
          + report.failOn().lowerName() + "') mark the build UNSTABLE." + where,
          value(report, BuildResult.UNSTABLE, paths));
    }
    return new Judgement(BuildResult.SUCCESS, step + ": passed." + where, value(report, BuildResult.SUCCESS, paths));
  }

  private static Judgement failure(String message, Map<String, String> paths) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("verdict", "error");
    value.put("result", BuildResult.FAILURE.name());
    value.put("counts", new LinkedHashMap<String, Integer>());
    value.put("reports", new LinkedHashMap<>(paths));
    return new Judgement(BuildResult.FAILURE, message, value);
  }

  private static Map<String, Object> value(ScanReport report, BuildResult result, Map<String, String> paths) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("verdict", report.verdict());
    value.put("result", result.name());
    value.put("counts", new LinkedHashMap<>(report.counts()));
    value.put("reports", new LinkedHashMap<>(paths));
    return value;
  }

  private static String reason(int exitCode) {
    return switch (exitCode) {
      case 2 -> "usage or configuration error; the 'deployguard:' line above says what to fix";
      case 3 -> "an input could not be read or scanned; the 'deployguard:' line above names it";
      case 4 -> "internal error in deployguard; the 'deployguard:' line above is the one to report";
      case 126, 127 -> "java could not be started on the agent; " + JavaCommand.JAVA_FIX;
      default -> "deployguard ended abnormally (killed, out of memory, or not a deployguard jar)";
    };
  }
}
