package io.deployguard.report;

import io.deployguard.policy.ScanResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** The reporters under test, each with the file name its goldens use, and a way to render one. */
final class Rendering {
  /** The SAST report's time stamp in tests: 2024-05-01T12:00:00Z. */
  static final Clock FIXED = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
  static final Path GOLDENS = Path.of("src", "test", "resources", "report");

  private Rendering() {}

  /** Golden file name -> reporter. */
  static Map<String, Reporter> reporters() {
    Map<String, Reporter> m = new LinkedHashMap<>();
    m.put("text.txt", new TextReporter(false));
    m.put("text-color.txt", new TextReporter(true));
    m.put("report.json", new JsonReporter());
    m.put("report.sarif", new SarifReporter());
    m.put("junit.xml", new JUnitReporter());
    m.put("codequality.json", new GitLabCodeQualityReporter());
    m.put("sast.json", new GitLabSastReporter(FIXED));
    m.put("summary.md", new MarkdownReporter());
    return m;
  }

  static String render(Reporter reporter, ScanResult result) {
    StringWriter out = new StringWriter();
    try {
      reporter.write(result, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static Path golden(String scenario, String file) {
    return GOLDENS.resolve(scenario).resolve(file);
  }
}
