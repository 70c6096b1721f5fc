package io.deployguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredeployCommandTest {
  @TempDir Path tmp;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private static List<String> ruleIds(String json) throws IOException {
    List<String> ids = new ArrayList<>();
    for (JsonNode f : new ObjectMapper().readTree(json).get("findings")) {
      ids.add(f.get("ruleId").asText() + "@" + f.get("resource").asText());
    }
    return ids;
  }

  @Test
  void planAndDockerfileTogether_giveOneReportAndOneExitCode() throws IOException {
    Run r = run("predeploy", "--format", "json", "--plan", "examples/plans/open-security-group.json",
        "--dockerfile", "examples/Dockerfile.single-stage");

    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(ruleIds(r.out())).contains("SG002@aws_security_group.bastion", "LOG001@aws_cloudwatch_log_group.api",
        "DF001@examples/Dockerfile.single-stage (stage 0)");
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("inputs")).extracting(JsonNode::asText)
        .containsExactly("examples/plans/open-security-group.json", "examples/Dockerfile.single-stage");
  }

  /** A service folder holding a plan, a Dockerfile and a deployguard.yml that lists both. */
  private Path service(String plan, String dockerfile) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("svc"));
    Files.copy(Path.of(dockerfile), dir.resolve("Dockerfile"));
    Files.copy(Path.of(plan), dir.resolve("plan.json"));
    Files.writeString(dir.resolve("deployguard.yml"), "version: 1\npredeploy:\n  plans: [plan.json]\n  dockerfiles: [Dockerfile]\n");
    return dir;
  }

  @Test
  void inputsComeFromTheConfigurationRelativeToIt_whenNoneAreGiven() throws IOException {
    Path dir = service("examples/plans/safe.json", "examples/Dockerfile.multi-stage");

    Run r = run("predeploy", "--config", dir.resolve("deployguard.yml").toString(), "--format", "json");

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(new ObjectMapper().readTree(r.out()).get("inputs")).hasSize(2);
  }

  @Test
  void inputsFromAConfigurationElsewhere_areNamedByThePathTheirFindingsGive() throws IOException {
    Path dir = service("examples/plans/open-security-group.json", "examples/Dockerfile.single-stage");

    Run r = run("predeploy", "--config", dir.resolve("deployguard.yml").toString(), "--format", "json");

    JsonNode json = new ObjectMapper().readTree(r.out());
    List<String> inputs = new ArrayList<>();
    json.get("inputs").forEach(i -> inputs.add(i.asText()));
    assertThat(inputs).containsExactly(dir.resolve("plan.json").toString(), dir.resolve("Dockerfile").toString());
    assertThat(json.get("findings")).isNotEmpty()
        .allSatisfy(f -> assertThat(inputs).contains(f.at("/location/input").asText()));
  }

  @Test
  void nothingToCheck_isAConfigurationError() {
    Run r = run("predeploy", "--config", "examples/deployguard-minimal.yml");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("nothing to check");
  }

  @Test
  void logIngestionEstimate_addsTheMonthlyCostAndNamesTheGroupsThatNeverExpire() throws IOException {
    Run r = run("predeploy", "--format", "json", "--log-ingestion-estimate", "1600",
        "--plan", "examples/plans/open-security-group.json");

    JsonNode notes = new ObjectMapper().readTree(r.out()).get("notes");
    assertThat(notes).singleElement().satisfies(n -> {
      assertThat(n.get("title").asText()).isEqualTo("CloudWatch Logs cost estimate");
      assertThat(n.get("text").asText()).contains("$24,320/month", "never expire (aws_cloudwatch_log_group.api)");
    });
  }

  @Test
  void aMissingInput_failsClosedWithExit3EvenBesideCleanOnes() {
    Run r = run("predeploy", "--plan", "examples/plans/safe.json", "--dockerfile", tmp.resolve("nope/Dockerfile").toString());

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out() + r.err()).contains("nope/Dockerfile").doesNotContain("\tat ");
  }

  @Test
  void writeBaseline_recordsTheFindings_andTheNextRunWithThatBaselinePasses() throws IOException {
    Path baseline = tmp.resolve("baseline.json");

    Run first = run("predeploy", "--plan", "examples/plans/open-security-group.json", "--dockerfile",
        "examples/Dockerfile.single-stage", "--write-baseline", baseline.toString());
    Run second = run("predeploy", "--format", "json", "--plan", "examples/plans/open-security-group.json",
        "--dockerfile", "examples/Dockerfile.single-stage", "--baseline", baseline.toString());

    assertThat(first.exit()).as(first.err()).isEqualTo(1);
    assertThat(Files.readString(baseline)).contains("fingerprint");
    assertThat(second.exit()).as(second.out() + second.err()).isZero();
    assertThat(ruleIds(second.out())).contains("SG002@aws_security_group.bastion",
        "DF001@examples/Dockerfile.single-stage (stage 0)");
  }

  @Test
  void badDockerHost_isAUsageErrorNamingTheOption_beforeAnythingIsScanned() {
    Run r = run("predeploy", "--docker-host", "http//nowhere", "--plan", "no-such-plan.json");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--docker-host", "unix:///").doesNotContain("no-such-plan.json");
  }
}
