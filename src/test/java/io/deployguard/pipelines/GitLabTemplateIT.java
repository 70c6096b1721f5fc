package io.deployguard.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The GitLab template run by gitlab-ci-local (the runner stand-in GitLab users run locally) in a
 * throwaway project, with the jar this build produced (as a path, or fetched from this build deployed
 * into a Maven repository served on loopback): the job's exit status and the reports GitLab would
 * attach to the merge request.
 */
class GitLabTemplateIT {
  private static final Path BASEDIR = Path.of(System.getProperty("user.dir"));
  private static final Path JAR = DeployedRepository.ALL_JAR;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String gitlabCiLocal;

  @TempDir Path tmp;

  @BeforeAll
  static void findTools() {
    gitlabCiLocal = Command.gitlabCiLocal(BASEDIR);
    assertThat(JAR).as("the jar `mvn package` builds").isRegularFile();
  }

  /** A project holding one example (bad or good) that includes the template with these inputs. */
  private ThrowawayRepo project(String example, String inputs) throws Exception {
    return ThrowawayRepo.init(tmp.resolve(example))
        .copy(BASEDIR.resolve("gitlab-template/deployguard.yml"), "ci/deployguard.yml")
        .fixture(example + "/Dockerfile", "Dockerfile")
        .fixture(example + "/tfplan.json", "infra/tfplan.json")
        .write(".gitlab-ci.yml", """
            include:
              - local: ci/deployguard.yml
                inputs:
                  plans: infra/tfplan.json
                  dockerfiles: Dockerfile
            %s
            """.formatted(inputs.indent(6).stripTrailing()))
        .commit("example");
  }

  private static Command runJob(ThrowawayRepo repo, String job) throws Exception {
    return Command.gitlabJob(gitlabCiLocal, repo.dir, job);
  }

  /** The reports as GitLab receives them: the job's exported artifacts. */
  private static Path artifacts(ThrowawayRepo repo) {
    return repo.dir.resolve(".gitlab-ci-local/artifacts/deployguard-predeploy/deployguard-reports");
  }

  private static int junitFailures(Path junit) throws Exception {
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
    return doc.getElementsByTagName("failure").getLength() + doc.getElementsByTagName("error").getLength();
  }

  private static JsonNode codeQuality(Path report) throws IOException {
    JsonNode issues = JSON.readTree(report.toFile());
    assertThat(issues.isArray()).as("Code Quality report is a JSON array").isTrue();
    for (JsonNode issue : issues) {
      assertThat(issue.path("description").asText()).isNotBlank();
      assertThat(issue.path("check_name").asText()).isNotBlank();
      assertThat(issue.path("fingerprint").asText()).isNotBlank();
      assertThat(issue.path("severity").asText()).isIn("info", "minor", "major", "critical", "blocker");
      assertThat(issue.path("location").path("path").asText()).isNotBlank();
    }
    return issues;
  }

  @Test
  void badExample_failsTheJobWithExit1_andItsReportsAreKept() throws Exception {
    ThrowawayRepo repo = project("bad", "jar: " + JAR.toAbsolutePath());

    Command job = runJob(repo, "deployguard-predeploy");

    assertThat(job.exitCode()).as(job.output()).isNotZero();
    assertThat(job.output()).contains("deployguard predeploy: exit status 1 ");
    Path reports = artifacts(repo);
    assertThat(junitFailures(reports.resolve("deployguard-junit.xml"))).as("failures in deployguard-junit.xml").isPositive();
    JsonNode issues = codeQuality(reports.resolve("gl-code-quality-report.json"));
    assertThat(issues).isNotEmpty();
    assertThat(issues.toString()).contains("DF001", "SG002");
    assertThat(JSON.readTree(reports.resolve("deployguard.sarif").toFile()).path("version").asText()).isEqualTo("2.1.0");
    assertThat(Files.readString(reports.resolve("deployguard.md"))).contains("DF001");
  }

  @Test
  void goodExample_passes_withEmptyReports() throws Exception {
    ThrowawayRepo repo = project("good", "jar: " + JAR.toAbsolutePath());

    Command job = runJob(repo, "deployguard-predeploy");

    assertThat(job.exitCode()).as(job.output()).isZero();
    assertThat(job.output()).contains("deployguard predeploy: exit status 0 ");
    assertThat(junitFailures(artifacts(repo).resolve("deployguard-junit.xml"))).isZero();
    assertThat(codeQuality(artifacts(repo).resolve("gl-code-quality-report.json"))).isEmpty();
  }

  @Test
  void badExample_withSoftFail_passes_andStillReportsTheFindings() throws Exception {
    ThrowawayRepo repo = project("bad", "jar: " + JAR.toAbsolutePath() + "\nsoft_fail: true\nsast: true");

    Command job = runJob(repo, "deployguard-predeploy");

    assertThat(job.exitCode()).as(job.output()).isZero();
    assertThat(junitFailures(artifacts(repo).resolve("deployguard-junit.xml"))).isPositive();
    assertThat(codeQuality(artifacts(repo).resolve("gl-code-quality-report.json"))).isNotEmpty();
    assertThat(JSON.readTree(artifacts(repo).resolve("gl-sast-report.json").toFile()).path("vulnerabilities"))
        .isNotEmpty();
  }

  @Test
  void releasedJar_isFetchedFromTheRepositoryOnce_verified_thenStartedWithItsArchive_evenADamagedOne()
      throws Exception {
    try (DeployedRepository repository = DeployedRepository.serve()) {
      // The version input's default is the release; only the repository is overridden.
      ThrowawayRepo repo = project("bad", "maven_repository: " + repository.url() + "\njava_opts: -Xlog:cds");
      Path cache = repo.dir.resolve(".deployguard-cache");

      Command cold = runJob(repo, "deployguard-predeploy");
      Command warm = runJob(repo, "deployguard-predeploy");
      JvmArchives.damage(JvmArchives.JAVA_17.theArchive(cache));
      Command damaged = runJob(repo, "deployguard-predeploy");

      assertThat(cold.output()).contains("deployguard: downloading " + repository.url() + "/" + DeployedRepository.ALL_JAR_PATH)
          .contains("deployguard predeploy: exit status 1 ");
      assertThat(JvmArchives.JAVA_17.usedAnArchive(cold.output(), cache)).isFalse();
      assertThat(warm.output()).doesNotContain("deployguard: downloading").contains("deployguard predeploy: exit status 1 ");
      assertThat(JvmArchives.JAVA_17.usedAnArchive(warm.output(), cache)).as(warm.output()).isTrue();
      assertThat(damaged.output()).contains("deployguard predeploy: exit status 1 ", "DF001");
      assertThat(JvmArchives.JAVA_17.usedAnArchive(damaged.output(), cache)).isFalse();
      assertThat(repository.jarDownloads()).isEqualTo(1);
      assertThat(cache.resolve(DeployedRepository.VERSION + "/deployguard-" + DeployedRepository.VERSION + "-all.jar"))
          .isRegularFile();
    }
  }

  @Test
  void jarWhoseChecksumDoesNotMatch_failsTheJobWithOneLine_andNothingIsCached() throws Exception {
    try (DeployedRepository tampered = DeployedRepository.serveTampered(tmp.resolve("tampered"))) {
      ThrowawayRepo repo = project("good", "maven_repository: " + tampered.url());

      Command job = runJob(repo, "deployguard-predeploy");

      assertThat(job.exitCode()).isNotZero();
      assertThat(jobLines(job).filter(l -> l.contains("does not match its published sha1"))).hasSize(1);
      assertThat(job.output()).contains("deployguard predeploy: exit status 2 ");
      assertThat(DeployedRepository.filesUnder(repo.dir.resolve(".deployguard-cache"))).isEmpty();
    }
  }

  @Test
  void versionNeverPublished_failsTheJobWithOneLine_andNothingIsCached() throws Exception {
    try (DeployedRepository repository = DeployedRepository.serve()) {
      ThrowawayRepo repo = project("good", "version: 9.9.9\nmaven_repository: " + repository.url());

      Command job = runJob(repo, "deployguard-predeploy");

      assertThat(job.exitCode()).isNotZero();
      assertThat(jobLines(job).filter(l -> l.contains("deployguard-9.9.9-all.jar (HTTP 404)"))).hasSize(1);
      assertThat(DeployedRepository.filesUnder(repo.dir.resolve(".deployguard-cache"))).isEmpty();
    }
  }

  /** The job's own output lines (gitlab-ci-local repeats a failed job's output in its summary). */
  private static java.util.stream.Stream<String> jobLines(Command job) {
    return job.output().lines().filter(l -> l.startsWith("deployguard-predeploy > "));
  }

  @Test
  void postdeployJob_isLeftOut_withoutARegion_andScheduledAfterDeploy_withOne() throws Exception {
    ThrowawayRepo without = project("good", "jar: " + JAR.toAbsolutePath());
    ThrowawayRepo with = project("bad", "jar: " + JAR.toAbsolutePath() + "\naws_region: eu-west-1");

    Command listWithout = Command.ok(without.dir, Map.of(), List.of(gitlabCiLocal, "--list", "--no-color"));
    Command listWith = Command.ok(with.dir, Map.of(), List.of(gitlabCiLocal, "--list", "--no-color"));

    assertThat(listWithout.output()).contains("deployguard-predeploy").doesNotContain("deployguard-postdeploy");
    assertThat(listWith.output()).containsPattern("deployguard-postdeploy\\s+\\.post\\s+on_success");
  }
}
