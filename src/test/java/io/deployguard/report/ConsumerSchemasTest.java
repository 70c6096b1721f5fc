package io.deployguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deployguard.policy.ScanResult;
import java.io.StringReader;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Each structured format against the schema its consumer publishes: the deployguard JSON Schema,
 * GitLab's code-quality and SAST 15.1.4 schemas, the SARIF 2.1.0 schema and Jenkins' JUnit XSD
 * (sources in src/test/resources/schemas/README.md), over every scenario; and proof that each
 * check rejects a broken report.
 */
class ConsumerSchemasTest {
  static final String CODECLIMATE = "/schemas/gitlab/codeclimate.json";
  static final String SAST = "/schemas/gitlab/sast-report-format-15.1.4.json";
  static final String SARIF = "/schemas/sarif/sarif-schema-2.1.0.json";
  static final String JUNIT = "/schemas/junit/junit-10.xsd";

  static Stream<String> scenarios() {
    return Scenarios.all().keySet().stream();
  }

  private static ScanResult scenario(String name) {
    return Scenarios.all().get(name).get();
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void jsonReport_matchesTheSchemaShippedWithDeployguard(String name) {
    String json = Rendering.render(new JsonReporter(), scenario(name));
    assertThat(SchemaCheck.jsonErrors(JsonReporter.SCHEMA_RESOURCE, json)).isEmpty();
  }

  @Test
  void jsonSchema_rejectsAnUnknownVerdictAndAMissingKey() throws Exception {
    ObjectNode report = (ObjectNode) SchemaCheck.MAPPER.readTree(Rendering.render(new JsonReporter(), Scenarios.one()));
    report.put("verdict", "maybe");
    ((ObjectNode) report.get("findings").get(0)).remove("fingerprint");
    assertThat(SchemaCheck.jsonErrors(JsonReporter.SCHEMA_RESOURCE, report.toString())).hasSize(2);
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void codeQualityReport_isValidForGitLab(String name) throws Exception {
    JsonNode issues = SchemaCheck.MAPPER.readTree(Rendering.render(new GitLabCodeQualityReporter(), scenario(name)));
    assertThat(issues.isArray()).isTrue();
    Set<String> fingerprints = new HashSet<>();
    for (JsonNode issue : issues) {
      assertThat(SchemaCheck.jsonErrors(CODECLIMATE, issue.toString())).isEmpty();
      // GitLab's schema leaves these open; its documentation does not.
      assertThat(issue.get("severity").asText()).isIn("info", "minor", "major", "critical", "blocker");
      assertThat(issue.get("check_name").asText()).isNotBlank();
      assertThat(fingerprints.add(issue.get("fingerprint").asText())).as("unique fingerprint").isTrue();
      assertThat(issue.at("/location/path").asText()).doesNotContain("\\");
      assertThat(issue.at("/location/lines/begin").asInt()).isPositive();
    }
  }

  @Test
  void codeQualitySchema_rejectsAnIssueWithoutFingerprint() throws Exception {
    JsonNode issues = SchemaCheck.MAPPER.readTree(Rendering.render(new GitLabCodeQualityReporter(), Scenarios.one()));
    ObjectNode issue = (ObjectNode) issues.get(0);
    issue.remove("fingerprint");
    assertThat(SchemaCheck.jsonErrors(CODECLIMATE, issue.toString())).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void sastReport_isValidAgainstGitLabsSchema(String name) throws Exception {
    String json = Rendering.render(new GitLabSastReporter(Rendering.FIXED), scenario(name));
    assertThat(SchemaCheck.jsonErrors(SAST, json)).isEmpty();
    JsonNode report = SchemaCheck.MAPPER.readTree(json);
    JsonNode schema = SchemaCheck.MAPPER.readTree(getClass().getResourceAsStream(SAST));
    assertThat(report.get("version").asText()).isEqualTo(schema.at("/self/version").asText());
    Set<String> ids = new HashSet<>();
    for (JsonNode v : report.get("vulnerabilities")) {
      assertThat(ids.add(v.get("id").asText())).isTrue();
      assertThat(v.get("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }
  }

  @Test
  void sastSchema_rejectsAnUpperCaseSeverity() throws Exception {
    ObjectNode report = (ObjectNode) SchemaCheck.MAPPER.readTree(
        Rendering.render(new GitLabSastReporter(Rendering.FIXED), Scenarios.one()));
    ((ObjectNode) report.get("vulnerabilities").get(0)).put("severity", "CRITICAL");
    assertThat(SchemaCheck.jsonErrors(SAST, report.toString())).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void sarifLog_isValidAgainstTheSarifSchema(String name) {
    String sarif = Rendering.render(new SarifReporter(), scenario(name));
    assertThat(SchemaCheck.jsonErrors(SARIF, sarif)).isEmpty();
  }

  @Test
  void sarifSchema_rejectsAnUnknownLevel() throws Exception {
    ObjectNode log = (ObjectNode) SchemaCheck.MAPPER.readTree(Rendering.render(new SarifReporter(), Scenarios.one()));
    ((ObjectNode) log.at("/runs/0/results/0")).put("level", "bogus");
    assertThat(SchemaCheck.jsonErrors(SARIF, log.toString())).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void junitXml_isValidAgainstJenkinsSchemaAndItsCountsAddUp(String name) throws Exception {
    String xml = Rendering.render(new JUnitReporter(), scenario(name));
    assertThat(SchemaCheck.xmlError(JUNIT, xml)).isNull();
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    Element root = doc.getDocumentElement();
    assertThat(root.getAttribute("tests")).isEqualTo(String.valueOf(root.getElementsByTagName("testcase").getLength()));
    assertThat(root.getAttribute("failures")).isEqualTo(String.valueOf(root.getElementsByTagName("failure").getLength()));
    assertThat(root.getAttribute("errors")).isEqualTo(String.valueOf(root.getElementsByTagName("error").getLength()));
    NodeList suites = root.getElementsByTagName("testsuite");
    for (int i = 0; i < suites.getLength(); i++) {
      Element suite = (Element) suites.item(i);
      for (String counter : List.of("tests:testcase", "failures:failure", "errors:error", "skipped:skipped")) {
        String[] p = counter.split(":");
        assertThat(suite.getAttribute(p[0])).as(suite.getAttribute("name") + " " + p[0])
            .isEqualTo(String.valueOf(suite.getElementsByTagName(p[1]).getLength()));
      }
    }
  }

  @Test
  void junitSchema_rejectsATestsuiteWithoutItsCounts() {
    String xml = Rendering.render(new JUnitReporter(), Scenarios.one()).replaceFirst(" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\"", "");
    assertThat(SchemaCheck.xmlError(JUNIT, xml)).isNotNull();
  }
}
