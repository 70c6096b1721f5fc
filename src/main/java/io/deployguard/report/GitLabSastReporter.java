package io.deployguard.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.deployguard.policy.Finding;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.ScanResult;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * GitLab SAST report ({@code artifacts:reports:sast}), security report schema {@value #VERSION}:
 * one vulnerability per active finding (waived and baselined ones are left out) with a stable
 * UUID derived from the finding's fingerprint, the rule as primary identifier, the input as {@code
 * location.file}, and the resource, key facts and fix in {@code details}. Scan errors set {@code
 * scan.status} to {@code failure} and appear as fatal scan messages.
 *
 * <p>The schema requires {@code start_time} and {@code end_time}, which a {@link ScanResult} does
 * not hold; both are the moment the report is written, taken from the reporter's clock. {@link
 * #fromEnvironment()} honours {@code SOURCE_DATE_EPOCH} (seconds since the epoch, the
 * reproducible-builds convention) so that a pipeline can make the file byte-for-byte reproducible.
 */
public final class GitLabSastReporter implements Reporter {
  private static final Format FORMAT = new Format("gitlab-sast", "gl-sast-report.json",
      "GitLab artifacts:reports:sast (the security widget, Ultimate)");

  @Override
  public Format format() {
    return FORMAT;
  }

  static final String VERSION = "15.1.4";
  static final String SCHEMA_URL =
      "https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v" + VERSION
          + "/dist/sast-report-format.json";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private final Clock clock;

  /** A reporter stamping reports with {@code clock}'s time (tests pass a fixed clock). */
  public GitLabSastReporter(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The system UTC clock, or the fixed instant {@code SOURCE_DATE_EPOCH} names when that variable
   * holds a number of seconds.
   */
  public static GitLabSastReporter fromEnvironment() {
    String epoch = System.getenv("SOURCE_DATE_EPOCH");
    if (epoch != null && epoch.trim().matches("[0-9]{1,12}")) {
      return new GitLabSastReporter(Clock.fixed(Instant.ofEpochSecond(Long.parseLong(epoch.trim())), ZoneOffset.UTC));
    }
    return new GitLabSastReporter(Clock.systemUTC());
  }

  @Override
  public void write(ScanResult result, Writer out) throws IOException {
    String now = TIME.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    Party tool = new Party("deployguard", "deployguard", SarifReporter.INFORMATION_URI, result.toolVersion(),
        new Vendor("deployguard"));
    List<Message> messages = result.errors().stream().map(e -> new Message("fatal", e.oneLine())).toList();
    Scan scan = new Scan(tool, tool, "sast", now, now, result.hasErrors() ? "failure" : "success",
        messages.isEmpty() ? null : messages);
    Map<String, RuleMetadata> rules = new LinkedHashMap<>();
    SarifReporter.rulesOf(result).forEach(r -> rules.put(r.id(), r));
    List<Vulnerability> vulnerabilities =
        new MappedList<>(result.active(), f -> Vulnerability.of(f, rules.get(f.ruleId())));
    StructuredOutput.write(new Report(VERSION, SCHEMA_URL, scan, vulnerabilities), out);
  }

  record Report(String version, String schema, Scan scan, List<Vulnerability> vulnerabilities) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Scan(
      Party analyzer,
      Party scanner,
      String type,
      @JsonProperty("start_time") String startTime,
      @JsonProperty("end_time") String endTime,
      String status,
      List<Message> messages) {}

  record Party(String id, String name, String url, String version, Vendor vendor) {}

  record Vendor(String name) {}

  record Message(String level, String value) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Vulnerability(
      String id,
      String name,
      String description,
      String severity,
      String solution,
      List<Identifier> identifiers,
      VulnerabilityLocation location,
      Map<String, Detail> details) {

    static Vulnerability of(Finding f, RuleMetadata rule) {
      String id = UUID.nameUUIDFromBytes(("deployguard:" + f.fingerprint()).getBytes(StandardCharsets.UTF_8)).toString();
      Map<String, Detail> details = new LinkedHashMap<>();
      details.put("resource", new Detail("Resource", "text", f.resource()));
      if (f.location().pointer() != null && !f.location().pointer().isEmpty()) {
        details.put("pointer", new Detail("Place in input", "text", f.location().pointer()));
      }
      f.details().forEach((k, v) -> details.put("detail_" + k, new Detail(k, "text", v)));
      return new Vulnerability(id, clip(f.title(), 255), clip(f.message(), 1_048_576), Texts.capitalised(f.severity()), clip(f.fix(), 7000),
          List.of(new Identifier("deployguard_rule_id", "deployguard " + f.ruleId(), f.ruleId(), rule.helpUri())),
          new VulnerabilityLocation(InputPaths.slashes(f.location().input()), f.location().line()), details);
    }

    private static String clip(String s, int max) {
      if (s.length() <= max) {
        return s;
      }
      int end = Character.isHighSurrogate(s.charAt(max - 2)) ? max - 2 : max - 1;
      return s.substring(0, end) + "\u2026";
    }
  }

  record Identifier(String type, String name, String value, String url) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record VulnerabilityLocation(String file, @JsonProperty("start_line") Integer startLine) {}

  record Detail(String name, String type, String value) {}
}
