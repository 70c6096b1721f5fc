package io.deployguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deployguard.policy.ScanResult;
import java.io.StringReader;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/** What each format promises beyond matching its golden file. */
class ReporterBehaviourTest {

  private static JsonNode json(Reporter r, ScanResult result) throws Exception {
    return SchemaCheck.MAPPER.readTree(Rendering.render(r, result));
  }

  @Test
  void textWithoutColour_holdsNoEscapeCharacterEvenWhenAResourceNameCarriesOne() {
    for (var s : Scenarios.all().values()) {
      assertThat(Rendering.render(new TextReporter(false), s.get())).doesNotContain("\u001b", "\u0007");
    }
    String coloured = Rendering.render(new TextReporter(true), Scenarios.escaping());
    assertThat(coloured).doesNotContain("\u001b[31mred");
  }

  @Test
  void textSummary_countsActiveBySeverityAndSuppressedByKind() {
    String text = Rendering.render(new TextReporter(false), Scenarios.many());
    assertThat(text).endsWith(
        "\n6 findings (1 critical, 2 high, 1 medium, 1 low, 1 info), 1 waived, 1 baselined; failing at high: FAIL\n");
    assertThat(text).contains("Suppressed (not counted):\n  baselined LOG001 aws_cloudwatch_log_group.app (in the baseline)");
    assertThat(text.substring(0, text.indexOf("Suppressed"))).doesNotContain("aws_security_group.legacy");
  }

  @Test
  void textErrors_areOneLineEach() {
    String text = Rendering.render(new TextReporter(false), Scenarios.error());
    assertThat(text).contains("ERROR plans/broken.json: line 12, column 5: unexpected end of input inside an object "
        + "(regenerate it with terraform show -json tfplan > plan.json)\n");
    assertThat(text).endsWith("1 finding (1 high), 1 scan error; failing at high: ERROR\n");
  }

  @Test
  void json_marksFailingAndSuppressedFindings() throws Exception {
    JsonNode report = json(new JsonReporter(), Scenarios.many());
    assertThat(report.at("/summary/failing").asInt()).isEqualTo(3);
    assertThat(report.at("/summary/suppressed").asInt()).isEqualTo(2);
    int failing = 0;
    for (JsonNode f : report.get("findings")) {
      failing += f.get("failing").asBoolean() ? 1 : 0;
      assertThat(f.has("suppressed")).isTrue();
      if (f.get("resource").asText().equals("aws_security_group.legacy")) {
        assertThat(f.at("/suppressed/kind").asText()).isEqualTo("waiver");
        assertThat(f.get("failing").asBoolean()).isFalse();
      }
    }
    assertThat(failing).isEqualTo(3);
    assertThat(report.get("verdict").asText()).isEqualTo("fail");
  }

  @Test
  void sarif_resultsPointAtTheirRuleAndCarryResourceAndFingerprint() throws Exception {
    JsonNode run = json(new SarifReporter(), Scenarios.many()).at("/runs/0");
    JsonNode rules = run.at("/tool/driver/rules");
    for (JsonNode r : run.get("results")) {
      assertThat(rules.get(r.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(r.get("ruleId").asText());
      assertThat(r.at("/partialFingerprints/deployguard~1v1").asText()).hasSize(32);
      assertThat(r.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText()).isNotEmpty();
    }
    assertThat(rules.get(0).get("id").asText()).isEqualTo("LOG001");
    assertThat(rules.get(0).at("/properties/security-severity").asText()).isEqualTo("5.5");
    assertThat(run.at("/invocations/0/executionSuccessful").asBoolean()).isTrue();
    long suppressed = 0;
    for (JsonNode r : run.get("results")) {
      suppressed += r.has("suppressions") ? 1 : 0;
    }
    assertThat(suppressed).isEqualTo(2);
  }

  @Test
  void sarif_scanErrorsMakeTheInvocationUnsuccessful() throws Exception {
    JsonNode inv = json(new SarifReporter(), Scenarios.error()).at("/runs/0/invocations/0");
    assertThat(inv.get("executionSuccessful").asBoolean()).isFalse();
    assertThat(inv.at("/toolExecutionNotifications/0/level").asText()).isEqualTo("error");
    assertThat(inv.at("/toolExecutionNotifications/0/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("plans/broken.json");
  }

  @Test
  void sarifUris_areValidUriReferencesForAnyInputSpelling() {
    assertThat(InputPaths.uri("C:\\work\\my plans\\a.json")).isEqualTo("file:///C:/work/my%20plans/a.json");
    assertThat(InputPaths.uri("/abs/x y.json")).isEqualTo("file:///abs/x%20y.json");
    assertThat(InputPaths.uri("dir\\sub\\plan.json")).isEqualTo("dir/sub/plan.json");
    assertThat(InputPaths.uri("app:1.2")).isEqualTo("app%3A1.2");
    assertThat(InputPaths.uri("ünï #?.json")).isEqualTo("%C3%BCn%C3%AF%20%23%3F.json");
    assertThat(InputPaths.uri("aws://123456789012/eu-west-1")).isEqualTo("aws://123456789012/eu-west-1");
    for (String in : new String[] {"C:\\a b\\c.json", "x:y/z", "a%b", "[x]"}) {
      URI uri = URI.create(InputPaths.uri(in));
      assertThat(uri.getScheme() == null || uri.getScheme().equals("file")).as(in).isTrue();
    }
  }

  @Test
  void junit_failsAtTheThresholdSkipsSuppressedAndPassesTheRest() throws Exception {
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(
        new StringReader(Rendering.render(new JUnitReporter(), Scenarios.many()))));
    var cases = doc.getElementsByTagName("testcase");
    int checked = 0;
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      String name = c.getAttribute("name");
      boolean failure = c.getElementsByTagName("failure").getLength() > 0;
      boolean skipped = c.getElementsByTagName("skipped").getLength() > 0;
      switch (name) {
        case "aws_security_group_rule.db" -> assertThat(failure).isTrue();
        case "aws_security_group.legacy", "aws_cloudwatch_log_group.app" -> assertThat(skipped).isTrue();
        case "aws_security_group.lb", "aws_cloudwatch_log_group.audit" -> assertThat(failure || skipped).isFalse();
        default -> {
          continue;
        }
      }
      checked++;
    }
    assertThat(checked).isEqualTo(6);
  }

  @Test
  void junit_listsRulesWithoutFindingsAsPassingCases() {
    String xml = Rendering.render(new JUnitReporter(), Scenarios.none());
    assertThat(xml).contains("<testcase classname=\"deployguard.SG001\" name=\"no findings\"/>")
        .contains("<testsuites name=\"deployguard\" tests=\"3\" failures=\"0\" errors=\"0\">");
  }

  @Test
  void codeQuality_leavesSuppressedOutAndReportsScanErrorsAsBlockers() throws Exception {
    assertThat(json(new GitLabCodeQualityReporter(), Scenarios.many())).hasSize(6);
    JsonNode error = json(new GitLabCodeQualityReporter(), Scenarios.error()).get(1);
    assertThat(error.get("severity").asText()).isEqualTo("blocker");
    assertThat(error.at("/location/path").asText()).isEqualTo("plans/broken.json");
    JsonNode windows = json(new GitLabCodeQualityReporter(), Scenarios.escaping()).get(0);
    assertThat(windows.at("/location/path").asText()).isEqualTo("C:/work/my plans/prod plan.json");
  }

  @Test
  void sast_takesItsTimeFromTheClockAndFailsOnScanErrors() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2030-02-03T04:05:06.789Z"), ZoneOffset.UTC);
    JsonNode scan = json(new GitLabSastReporter(clock), Scenarios.error()).get("scan");
    assertThat(scan.get("start_time").asText()).isEqualTo("2030-02-03T04:05:06");
    assertThat(scan.get("end_time").asText()).isEqualTo("2030-02-03T04:05:06");
    assertThat(scan.get("status").asText()).isEqualTo("failure");
    assertThat(scan.at("/messages/0/level").asText()).isEqualTo("fatal");
    JsonNode same = json(new GitLabSastReporter(clock), Scenarios.many());
    assertThat(same.get("vulnerabilities")).hasSize(6);
    assertThat(json(new GitLabSastReporter(clock), Scenarios.many()).get("vulnerabilities").get(0).get("id"))
        .isEqualTo(same.get("vulnerabilities").get(0).get("id"));
  }

  @Test
  void markdown_escapesEverythingThatCouldBreakTheTableOrRenderAsHtml() {
    String md = Rendering.render(new MarkdownReporter(), Scenarios.escaping());
    assertThat(md).doesNotContain("<script>", "<b>", "<rule>", "\u001b");
    int rows = 0;
    for (String line : md.split("\n")) {
      if (line.matches("\\| (Critical|High|Medium) \\| SG00.*")) {
        assertThat(line.replace("\\|", "").chars().filter(c -> c == '|').count()).as(line).isEqualTo(7);
        rows++;
      }
    }
    assertThat(rows).isEqualTo(3);
    assertThat(MarkdownReporter.code("a`b")).isEqualTo("``a`b``");
    assertThat(MarkdownReporter.code("`x`")).isEqualTo("`` `x` ``");
    assertThat(MarkdownReporter.cell("a|b\nc")).isEqualTo("a\\|b<br>c");
  }

  @Test
  void markdown_collapsesSuppressedFindings() {
    String md = Rendering.render(new MarkdownReporter(), Scenarios.many());
    int details = md.indexOf("<details>");
    assertThat(details).isPositive();
    assertThat(md.substring(0, details)).doesNotContain("aws_security_group.legacy");
    assertThat(md.substring(details)).contains("aws_security_group.legacy");
  }
}
