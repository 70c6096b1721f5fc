package io.deployguard.app;

import io.deployguard.policy.ConfigException;
import io.deployguard.policy.ScanResult;
import io.deployguard.report.Reporter;
import io.deployguard.report.Reporters;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finds reporters by format name and writes reports to files, creating missing folders. */
public final class ReportFiles {

  private ReportFiles() {}

  /**
   * The reporter of {@code format}.
   *
   * @param option what to name in the error, e.g. {@code --format} or {@code --output sarif=x}
   * @throws ConfigException listing the known formats
   */
  public static Reporter reporter(String format, boolean color, String option) {
    return Reporters.find(format, color).orElseThrow(() -> new ConfigException(option + ": unknown format '" + format
        + "' (use one of " + String.join(", ", Reporters.byName(false).keySet()) + ")"));
  }

  /**
   * The conventional file name of a format's report, such as {@code gl-code-quality-report.json}:
   * its reporter's {@link Reporter#fileName()}.
   *
   * @throws ConfigException for an unknown format
   */
  public static String defaultName(String format) {
    return reporter(format, false, "report format").fileName();
  }

  /**
   * The reporter of each format, in the order given, all checked before anything is scanned.
   *
   * @throws ConfigException naming the first unknown format
   */
  public static Map<String, Reporter> reporters(List<String> formats) {
    Map<String, Reporter> reporters = new LinkedHashMap<>();
    for (String f : formats) {
      // Any case names the format.
      reporters.put(f.toLowerCase(java.util.Locale.ROOT), reporter(f, false, "report format"));
    }
    return reporters;
  }

  /**
   * Writes every report into {@code dir} under its format's conventional name ({@link
   * Reporter#fileName()}); returns the paths by format.
   */
  public static Map<String, Path> writeAll(ScanResult result, Map<String, Reporter> reporters, Path dir) {
    Map<String, Path> written = new LinkedHashMap<>();
    reporters.forEach((format, reporter) -> {
      Path path = dir.resolve(reporter.fileName());
      write(result, reporter, path);
      written.put(format, path);
    });
    return written;
  }

  /**
   * Writes {@code result} to {@code path} as UTF-8, creating missing parent folders; atomically
   * (see {@link OutputFiles}).
   */
  public static void write(ScanResult result, Reporter reporter, Path path) {
    OutputFiles.write(path, reporter.name() + " report", w -> reporter.write(result, w));
  }
}
