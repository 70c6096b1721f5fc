package io.deployguard.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitLab template, run by gitlab-ci-local on a Terraform layout with a for_each, a local
 * module and a registry module: the Code Quality report GitLab annotates the merge request with
 * points at the .tf lines, relative to the repository root, not at the generated plan.
 */
class GitLabSourceLocationIT {
  private static final Path BASEDIR = Path.of(System.getProperty("user.dir"));
  private static final Path JAR = Path.of(System.getProperty("deployguard.jar",
      "target/deployguard-" + io.deployguard.app.Version.get() + "-all.jar"));
  private static final Path LAYOUT = BASEDIR.resolve("src/test/resources/terraform/layout");

  private static String gitlabCiLocal;

  @TempDir Path tmp;

  @BeforeAll
  static void findTools() {
    gitlabCiLocal = Command.gitlabCiLocal(BASEDIR);
    assertThat(JAR).as("the jar `mvn package` builds").isRegularFile();
  }

  @Test
  void codeQualityIssues_pointAtTheTfLinesOfTheirResources() throws Exception {
    ThrowawayRepo repo = ThrowawayRepo.init(tmp.resolve("project"))
        .copy(BASEDIR.resolve("gitlab-template/deployguard.yml"), "ci/deployguard.yml")
        .copy(LAYOUT.resolve("main.tf"), "infra/main.tf")
        .copy(LAYOUT.resolve("modules/net/main.tf"), "infra/modules/net/main.tf")
        .copy(LAYOUT.resolve("plan.json"), "infra/tfplan.json")
        .write(".gitlab-ci.yml", """
            include:
              - local: ci/deployguard.yml
                inputs:
                  plans: infra/tfplan.json
                  jar: %s
            """.formatted(JAR.toAbsolutePath()))
        .commit("layout");

    Command job = Command.gitlabJob(gitlabCiLocal, repo.dir, "deployguard-predeploy");

    assertThat(job.exitCode()).as(job.output()).isNotZero();
    Path reports = repo.dir.resolve(".gitlab-ci-local/artifacts/deployguard-predeploy/deployguard-reports");
    JsonNode issues = new ObjectMapper().readTree(reports.resolve("gl-code-quality-report.json").toFile());
    List<String> places = new ArrayList<>();
    issues.forEach(i -> places.add(i.path("check_name").asText() + " " + i.path("location").path("path").asText() + ":"
        + i.path("location").path("lines").path("begin").asInt()));
    // The suppressed SG004 (for_each) and the registry module's SG002 are not issues; the local module's are.
    assertThat(places).containsExactly("SG002 infra/modules/net/main.tf:9", "SG002 infra/modules/net/main.tf:9");
    JsonNode sarif = new ObjectMapper().readTree(reports.resolve("deployguard.sarif").toFile());
    List<String> uris = new ArrayList<>();
    sarif.path("runs").get(0).path("results").forEach(r -> uris.add(
        r.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText() + ":"
            + r.path("locations").get(0).path("physicalLocation").path("region").path("startLine").asInt()));
    assertThat(uris).contains("infra/main.tf:17", "infra/main.tf:39", "infra/modules/net/main.tf:9");
  }
}
