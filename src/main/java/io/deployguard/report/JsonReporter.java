package io.deployguard.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.deployguard.policy.Finding;
import io.deployguard.policy.ScanError;
import io.deployguard.policy.ScanResult;
import io.deployguard.policy.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON contract for scripts, documented in {@code docs/json-format.md} and described by the
 * JSON Schema {@value #SCHEMA_RESOURCE} on the classpath. Additive changes keep {@link
 * #SCHEMA_VERSION}; anything else raises it. Every documented key is always present ({@code null}
 * when it has no value), so scripts need no existence checks.
 */
public final class JsonReporter implements Reporter {
  private static final Format FORMAT = new Format("json", "deployguard.json",
      "scripts: a stable contract, docs/json-format.md");

  @Override
  public Format format() {
    return FORMAT;
  }

  /** Version of the contract, written as {@code schemaVersion}. */
  public static final int SCHEMA_VERSION = 1;

  /** Classpath location of the JSON Schema of this format. */
  public static final String SCHEMA_RESOURCE = "/io/deployguard/report/deployguard-report.schema.json";

  @Override
  public void write(ScanResult result, Writer out) throws IOException {
    StructuredOutput.write(Report.of(result), out);
  }

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Report(
      Tool tool,
      int schemaVersion,
      String verdict,
      boolean softFail,
      String failOn,
      Summary summary,
      List<JsonFinding> findings,
      List<JsonError> errors,
      List<JsonNote> notes,
      List<String> inputs) {

    static Report of(ScanResult r) {
      RunSummary summary = RunSummary.of(r);
      return new Report(
          new Tool("deployguard", r.toolVersion()),
          SCHEMA_VERSION,
          lower(summary.verdict().name()),
          r.softFail(),
          r.failOn().lowerName(),
          Summary.of(summary),
          new MappedList<>(r.findings(), f -> JsonFinding.of(f, r.failOn())),
          r.errors().stream().map(JsonError::of).toList(),
          r.notes().stream().map(n -> new JsonNote(n.title(), n.text())).toList(),
          r.inputs());
    }
  }

  record Tool(String name, String version) {}

  record Summary(
      int active,
      int critical,
      int high,
      int medium,
      int low,
      int info,
      int failing,
      int suppressed,
      int waived,
      int baselined,
      int inline,
      int skipped,
      int errors) {

    static Summary of(RunSummary t) {
      Map<Severity, Integer> s = t.activeBySeverity();
      // schemaVersion 1 counts exemption tags with the waivers (docs/json-format.md); the kind of each is in findings[].
      return new Summary(t.active(), s.get(Severity.CRITICAL), s.get(Severity.HIGH), s.get(Severity.MEDIUM),
          s.get(Severity.LOW), s.get(Severity.INFO), t.failing(), t.suppressed(), t.waived() + t.exempt(), t.baselined(),
          t.inline(), t.skipped(), t.errors());
    }
  }

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record JsonFinding(
      String ruleId,
      String title,
      String severity,
      String resource,
      String message,
      JsonLocation location,
      String fix,
      String fingerprint,
      boolean failing,
      Map<String, String> details,
      JsonSuppression suppressed) {

    static JsonFinding of(Finding f, Severity failOn) {
      return new JsonFinding(f.ruleId(), f.title(), f.severity().lowerName(), f.resource(), f.message(),
          new JsonLocation(f.location().input(), f.location().line(), f.location().pointer()), f.fix(),
          f.fingerprint(), !f.suppressed() && f.severity().atLeast(failOn), f.details(),
          f.suppressed() ? new JsonSuppression(lower(f.suppression().kind().name()), f.suppression().reason()) : null);
    }
  }

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record JsonLocation(String input, Integer line, String pointer) {}

  record JsonSuppression(String kind, String reason) {}

  record JsonError(String input, String place, String message, String hint) {
    static JsonError of(ScanError e) {
      return new JsonError(e.input(), e.place(), e.message(), e.hint());
    }
  }

  record JsonNote(String title, String text) {}

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
