package io.deployguard.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.deployguard.policy.Finding;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.ScanError;
import io.deployguard.policy.ScanResult;
import io.deployguard.policy.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SARIF 2.1.0 for GitHub code scanning, Warnings NG and other SARIF viewers: one run whose driver
 * lists every evaluated rule (with help, {@code security-severity} and tags), one result per
 * finding with a physical location (the input as a URI reference), a logical location naming the
 * resource, and a {@code deployguard/v1} partial fingerprint. Waived and baselined findings carry
 * an external suppression; scan errors become error notifications on an invocation marked
 * unsuccessful.
 */
public final class SarifReporter implements Reporter {
  private static final Format FORMAT = new Format("sarif", "deployguard.sarif",
      "GitHub code scanning, Jenkins Warnings NG, SARIF viewers");

  @Override
  public Format format() {
    return FORMAT;
  }

  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String INFORMATION_URI = "https://github.com/deployguard/deployguard";
  static final String FINGERPRINT_KEY = "deployguard/v1";

  @Override
  public void write(ScanResult result, Writer out) throws IOException {
    List<RuleMetadata> rules = rulesOf(result);
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      index.put(rules.get(i).id(), i);
    }
    // Every finding of a plan has the same input: its URI is made once.
    Map<String, String> uris = new HashMap<>();
    List<Result> results = new MappedList<>(result.findings(),
        f -> Result.of(f, index.get(f.ruleId()), uris.computeIfAbsent(f.location().input(), InputPaths::uri)));
    List<Notification> notifications = result.errors().stream().map(Notification::of).toList();
    Invocation invocation = new Invocation(!result.hasErrors(), notifications.isEmpty() ? null : notifications);
    Driver driver = new Driver("deployguard", result.toolVersion(), INFORMATION_URI,
        rules.stream().map(ReportingDescriptor::of).toList());
    Run run = new Run(new Tool(driver), List.of(invocation), results);
    StructuredOutput.write(new Log(SCHEMA, "2.1.0", List.of(run)), out);
  }

  /**
   * The evaluated rules, plus a stand-in for any rule a finding names without metadata in the
   * result (so that every result has a {@code ruleIndex}), sorted by id.
   */
  static List<RuleMetadata> rulesOf(ScanResult result) {
    Map<String, RuleMetadata> byId = new TreeMap<>();
    result.rules().forEach(r -> byId.put(r.id(), r));
    for (Finding f : result.findings()) {
      byId.computeIfAbsent(f.ruleId(), id -> new RuleMetadata(id, f.title(), f.severity(), "policy",
          f.title() + ".", f.fix()));
    }
    return List.copyOf(byId.values());
  }

  static String sarifLevel(Severity s) {
    return switch (s) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    };
  }

  /** {@code World ingress on all traffic} becomes {@code WorldIngressOnAllTraffic}. */
  static String pascalCase(String title) {
    StringBuilder sb = new StringBuilder();
    for (String word : title.split("[^\\p{Alnum}]+")) {
      if (!word.isEmpty()) {
        sb.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return sb.toString();
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Log(@JsonProperty("$schema") String schema, String version, List<Run> runs) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Run(Tool tool, List<Invocation> invocations, List<Result> results) {}

  record Tool(Driver driver) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Driver(String name, String version, String informationUri, List<ReportingDescriptor> rules) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ReportingDescriptor(
      String id,
      String name,
      Message shortDescription,
      Message fullDescription,
      MultiformatMessage help,
      String helpUri,
      Configuration defaultConfiguration,
      RuleProperties properties) {

    static ReportingDescriptor of(RuleMetadata r) {
      String markdown = "**" + r.title() + "** (" + r.id() + ", default severity " + r.defaultSeverity().lowerName()
          + ")\n\n" + r.rationale() + "\n\n**Fix:** " + r.fix() + "\n\n[Documentation](" + r.helpUri() + ")";
      return new ReportingDescriptor(r.id(), pascalCase(r.title()), new Message(r.title()),
          new Message(r.rationale()), new MultiformatMessage(r.rationale() + " Fix: " + r.fix(), markdown),
          r.helpUri(), new Configuration(sarifLevel(r.defaultSeverity())),
          new RuleProperties(List.of("security", r.category()), String.valueOf(r.defaultSeverity().score()),
              r.defaultSeverity().lowerName()));
    }
  }

  record Message(String text) {}

  record MultiformatMessage(String text, String markdown) {}

  record Configuration(String level) {}

  record RuleProperties(
      List<String> tags,
      @JsonProperty("security-severity") String securitySeverity,
      @JsonProperty("deployguard/severity") String severity) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Result(
      String ruleId,
      int ruleIndex,
      String level,
      Message message,
      List<Location> locations,
      Map<String, String> partialFingerprints,
      List<Suppression> suppressions,
      ResultProperties properties) {

    /** The result of {@code f}, whose rule is {@code ruleIndex} and whose input is {@code uri} ({@link InputPaths#uri}). */
    static Result of(Finding f, int ruleIndex, String uri) {
      Region region = f.location().line() == null ? null : new Region(f.location().line());
      Location location = new Location(
          new PhysicalLocation(new ArtifactLocation(uri), region),
          List.of(new LogicalLocation(f.resource(), "resource")));
      List<Suppression> suppressions = f.suppressed()
          ? List.of(new Suppression(f.suppression().kind() == Finding.Suppression.Kind.INLINE ? "inSource" : "external",
              "accepted", f.suppression().kind() == Finding.Suppression.Kind.INLINE ? f.suppression().reason()
                  : Texts.suppressedBy(f)))
          : null;
      return new Result(f.ruleId(), ruleIndex, sarifLevel(f.severity()), new Message(f.message()), List.of(location),
          Map.of(FINGERPRINT_KEY, f.fingerprint()), suppressions,
          new ResultProperties(f.severity().lowerName(), f.resource(), f.location().pointer(), f.fix(),
              f.details().isEmpty() ? null : f.details()));
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ResultProperties(
      @JsonProperty("deployguard/severity") String severity,
      @JsonProperty("deployguard/resource") String resource,
      @JsonProperty("deployguard/pointer") String pointer,
      @JsonProperty("deployguard/fix") String fix,
      @JsonProperty("deployguard/details") Map<String, String> details) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Location(PhysicalLocation physicalLocation, List<LogicalLocation> logicalLocations) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record PhysicalLocation(ArtifactLocation artifactLocation, Region region) {}

  record ArtifactLocation(String uri) {}

  record Region(int startLine) {}

  record LogicalLocation(String fullyQualifiedName, String kind) {}

  record Suppression(String kind, String status, String justification) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Invocation(boolean executionSuccessful, List<Notification> toolExecutionNotifications) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Notification(String level, Message message, List<Location> locations) {
    static Notification of(ScanError e) {
      return new Notification("error", new Message(e.oneLine()),
          List.of(new Location(new PhysicalLocation(new ArtifactLocation(InputPaths.uri(e.input())), null), null)));
    }
  }
}
