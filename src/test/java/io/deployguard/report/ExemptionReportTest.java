package io.deployguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.policy.Finding;
import io.deployguard.policy.ScanResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A live rule kept by its exemption tag is suppressed as an exemption, in every format that names suppressions. */
class ExemptionReportTest {

  private static ScanResult exempt() {
    ScanResult one = Scenarios.one();
    Finding f = one.findings().get(0).withSuppression(new Finding.Suppression(Finding.Suppression.Kind.EXEMPTION,
        "exempt until 2027-01-31: office VPN (tag deployguard:exempt)"));
    return new ScanResult(one.toolVersion(), one.inputs(), one.rules(), List.of(f), List.of(), one.failOn(), List.of());
  }

  @Test
  void exemptFinding_isAValidJsonSuppression_andIsCalledExemptInTextAndMarkdown() throws Exception {
    String json = Rendering.render(new JsonReporter(), exempt());

    assertThat(SchemaCheck.jsonErrors(JsonReporter.SCHEMA_RESOURCE, json)).isEmpty();
    assertThat(SchemaCheck.MAPPER.readTree(json).at("/findings/0/suppressed/kind").asText()).isEqualTo("exemption");
    assertThat(Rendering.render(new TextReporter(false), exempt())).contains("  exempt    SG002 ")
        .doesNotContain("baselined");
    assertThat(Rendering.render(new MarkdownReporter(), exempt())).contains("| exemption tag |");
  }

  @Test
  void exemptFinding_isCountedAsExempt_inTextAndMarkdown_andWithTheWaiversInJson() throws Exception {
    assertThat(Rendering.render(new TextReporter(false), exempt()))
        .endsWith("\nno findings, 1 exempt; failing at high: PASS\n");
    assertThat(Rendering.render(new MarkdownReporter(), exempt()))
        .contains("| Waived | 0 |\n| Exempt (exemption tag) | 1 |\n");
    // schemaVersion 1's meaning of summary.waived (docs/json-format.md) stays: waivers and exemption tags.
    assertThat(SchemaCheck.MAPPER.readTree(Rendering.render(new JsonReporter(), exempt())).at("/summary/waived").asInt())
        .isEqualTo(1);
  }
}
