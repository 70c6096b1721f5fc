package io.deployguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plan findings located at the .tf lines that declare them, in every format that has a place. */
class SourceLocationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path LAYOUT = Path.of("src/test/resources/terraform/layout");
  private static final String PLAN = LAYOUT.resolve("plan.json").toString();

  @TempDir Path tmp;

  /** {@code RULE resource -> input:line [instance]} of every finding. */
  private static List<String> located(JsonNode report) {
    List<String> out = new ArrayList<>();
    report.get("findings").forEach(f -> out.add(f.get("ruleId").asText() + " " + f.get("resource").asText() + " -> "
        + f.get("location").get("input").asText() + ":" + f.get("location").get("line").asText()
        + (f.get("details").has("instance") ? " " + f.get("details").get("instance").asText() : "")));
    return out;
  }

  @Test
  void everyPlanFinding_pointsAtItsResourceBlock_orTheCallOfARegistryModule() throws IOException {
    PlanCommandTest.Run r = PlanCommandTest.run("plan", "-f", "json", PLAN);
    String root = "src/test/resources/terraform/layout/";
    assertThat(located(JSON.readTree(r.out()))).containsExactlyInAnyOrder(
        "SG004 aws_security_group.web[\"a\"] -> " + root + "main.tf:17 [\"a\"]",
        "SG004 aws_security_group.web[\"b\"] -> " + root + "main.tf:17 [\"b\"]",
        "SG002 module.vpc.aws_security_group.bastion -> " + root + "main.tf:39",
        "SG002 module.net.aws_security_group_rule.ssh[0] -> " + root + "modules/net/main.tf:9 [0]",
        "SG002 module.net.aws_security_group_rule.ssh[1] -> " + root + "modules/net/main.tf:9 [1]");
    JsonNode first = JSON.readTree(r.out()).get("findings").get(0);
    assertThat(first.get("details").get("plan").asText()).isEqualTo(PLAN);
    assertThat(first.get("details").get("plan_at").asText()).startsWith("line ");
  }

  @Test
  void theCodeQualityReport_andTextAndJUnit_showTheTfPathAndLine() throws IOException {
    JsonNode cq = JSON.readTree(PlanCommandTest.run("plan", "-f", "gitlab-codequality", PLAN).out());
    assertThat(cq.get(0).get("location").get("path").asText()).isEqualTo("src/test/resources/terraform/layout/modules/net/main.tf");
    assertThat(cq.get(0).get("location").get("lines").get("begin").asInt()).isEqualTo(9);
    assertThat(PlanCommandTest.run("plan", PLAN).out())
        .contains("at src/test/resources/terraform/layout/modules/net/main.tf:9");
    assertThat(PlanCommandTest.run("plan", "-f", "junit", PLAN).out())
        .contains("at src/test/resources/terraform/layout/modules/net/main.tf:9");
  }

  @Test
  void aTfFileThatCannotBeRead_isAWarningNamingIt_andItsFindingsKeepThePlanLocation() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("infra"));
    Files.copy(Path.of(PLAN), dir.resolve("plan.json"));
    Files.writeString(dir.resolve("main.tf"), "resource \"aws_security_group\" \"web\" {\n  name = \"unclosed\n}\n");
    PlanCommandTest.Run r = PlanCommandTest.run("plan", "-f", "json", "--source-root", tmp.toString(),
        dir.resolve("plan.json").toString());
    JsonNode report = JSON.readTree(r.out());
    assertThat(report.get("findings")).hasSize(5);
    assertThat(located(report)).allSatisfy(l -> assertThat(l).contains("-> infra/plan.json:"));
    assertThat(report.get("notes").get(0).get("title").asText()).isEqualTo("Terraform sources not read");
    assertThat(report.get("notes").get(0).get("text").asText()).contains(dir.resolve("main.tf") + ": cannot be read as"
        + " Terraform (line 2: a quoted string is not closed on its line)");
  }

  @Test
  void aWaiverScopedToThePlan_stillCoversFindingsLocatedInTf() throws IOException {
    Path config = Files.writeString(tmp.resolve("deployguard.yml"), """
        waivers:
          - rule: SG002
            resource: module.net.*
            input: src/test/resources/terraform/layout/plan.json
            reason: admin access until the VPN lands
            expires: 2099-01-01
        """);
    PlanCommandTest.Run r = PlanCommandTest.run("plan", "-f", "json", "-c", config.toString(), PLAN);
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(JSON.readTree(r.out()).get("summary").get("waived").asInt()).isEqualTo(2);
  }

  @Test
  void predeploy_locatesItsPlansFindingsToo() throws IOException {
    PlanCommandTest.Run r = PlanCommandTest.run("predeploy", "-f", "json", "--plan", PLAN);
    assertThat(located(JSON.readTree(r.out())))
        .contains("SG002 module.net.aws_security_group_rule.ssh[0] -> src/test/resources/terraform/layout/modules/net/main.tf:9 [0]");
  }

  @Test
  void withoutTfFilesBesideThePlan_findingsKeepThePlanLocation() throws IOException {
    PlanCommandTest.Run r = PlanCommandTest.run("plan", "-f", "json", "examples/plans/open-security-group.json");
    assertThat(located(JSON.readTree(r.out()))).allSatisfy(l -> assertThat(l).contains("-> examples/plans/open-security-group.json:"));
  }
}
