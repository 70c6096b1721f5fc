package io.deployguard.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.deployguard.testing.RealComponent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The GitLab template run by gitlab-ci-local (the runner stand-in GitLab users run locally) in a
 * throwaway project, with the jar this build produced: the job's exit status and the reports GitLab
 * would attach to the merge request.
 */
class GitLabTemplateIT {
  private static final Path BASEDIR = Path.of(System.getProperty("user.dir"));
  private static final Path JAR = Path.of(System.getProperty("deployguard.jar",
      "target/deployguard-" + io.deployguard.app.Version.get() + "-all.jar"));
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String gitlabCiLocal;

  @TempDir Path tmp;

  @BeforeAll
  static void findTools() {
    Path local = BASEDIR.resolve(".tools/node_modules/.bin/gitlab-ci-local");
    gitlabCiLocal = Files.isExecutable(local) ? local.toString() : "gitlab-ci-local";
    RealComponent.require("gitlab-ci-local 4.73.0", Files.isExecutable(local) || RealComponent.onPath("gitlab-ci-local"),
        "npm install --prefix .tools gitlab-ci-local@4.73.0");
    RealComponent.require("rsync (gitlab-ci-local needs it)", RealComponent.onPath("rsync"), "apt-get install rsync");
    RealComponent.require("git", RealComponent.onPath("git"), "apt-get install git");
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
    return Command.run(repo.dir, Map.of("NO_COLOR", "1"), Duration.ofMinutes(5),
        List.of(gitlabCiLocal, "--force-shell-executor", "--no-color", job));
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
    assertThat(junitFailures(reports.resolve("junit.xml"))).as("failures in junit.xml").isPositive();
    JsonNode issues = codeQuality(reports.resolve("codequality.json"));
    assertThat(issues).isNotEmpty();
    assertThat(issues.toString()).contains("DF001", "SG002");
    assertThat(JSON.readTree(reports.resolve("deployguard.sarif").toFile()).path("version").asText()).isEqualTo("2.1.0");
    assertThat(Files.readString(reports.resolve("summary.md"))).contains("DF001");
  }

  @Test
  void goodExample_passes_withEmptyReports() throws Exception {
    ThrowawayRepo repo = project("good", "jar: " + JAR.toAbsolutePath());

    Command job = runJob(repo, "deployguard-predeploy");

    assertThat(job.exitCode()).as(job.output()).isZero();
    assertThat(job.output()).contains("deployguard predeploy: exit status 0 ");
    assertThat(junitFailures(artifacts(repo).resolve("junit.xml"))).isZero();
    assertThat(codeQuality(artifacts(repo).resolve("codequality.json"))).isEmpty();
  }

  @Test
  void badExample_withSoftFail_passes_andStillReportsTheFindings() throws Exception {
    ThrowawayRepo repo = project("bad", "jar: " + JAR.toAbsolutePath() + "\nsoft_fail: true\nsast: true");

    Command job = runJob(repo, "deployguard-predeploy");

    assertThat(job.exitCode()).as(job.output()).isZero();
    assertThat(junitFailures(artifacts(repo).resolve("junit.xml"))).isPositive();
    assertThat(codeQuality(artifacts(repo).resolve("codequality.json"))).isNotEmpty();
    assertThat(JSON.readTree(artifacts(repo).resolve("gl-sast-report.json").toFile()).path("vulnerabilities"))
        .isNotEmpty();
  }

  /** A Maven repository on loopback serving deployguard VERSION's jar and the given SHA-1 file. */
  private static final class FakeMavenRepository implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger downloads = new AtomicInteger();

    FakeMavenRepository(String version, byte[] jar, String sha1) throws IOException {
      String path = "/maven2/io/deployguard/deployguard/" + version + "/deployguard-" + version + ".jar";
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/maven2", exchange -> {
        String asked = exchange.getRequestURI().getPath();
        byte[] body = asked.equals(path) ? jar : asked.equals(path + ".sha1") ? sha1.getBytes() : null;
        if (asked.equals(path)) {
          downloads.incrementAndGet();
        }
        exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
        if (body != null) {
          exchange.getResponseBody().write(body);
        }
        exchange.close();
      });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/maven2";
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @Test
  void jarFromAMavenRepository_isFetchedOnce_checksumVerified_thenCached() throws Exception {
    byte[] jar = Files.readAllBytes(JAR);
    String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(jar));
    try (FakeMavenRepository repository = new FakeMavenRepository("9.9.9", jar, sha1)) {
      ThrowawayRepo repo = project("good", "version: 9.9.9\nmaven_repository: " + repository.url());

      Command first = runJob(repo, "deployguard-predeploy");
      Command second = runJob(repo, "deployguard-predeploy");

      assertThat(first.exitCode()).as(first.output()).isZero();
      assertThat(first.output()).contains("deployguard: fetching http://127.0.0.1:");
      assertThat(second.exitCode()).as(second.output()).isZero();
      assertThat(second.output()).doesNotContain("deployguard: fetching");
      assertThat(repository.downloads).hasValue(1);
    }
  }

  @Test
  void jarWhoseChecksumDoesNotMatch_isRefused() throws Exception {
    try (FakeMavenRepository repository = new FakeMavenRepository("9.9.8", Files.readAllBytes(JAR), "0".repeat(40))) {
      ThrowawayRepo repo = project("good", "version: 9.9.8\nmaven_repository: " + repository.url());

      Command job = runJob(repo, "deployguard-predeploy");

      assertThat(job.exitCode()).isNotZero();
      assertThat(job.output()).contains("does not match its published SHA-1");
      assertThat(repo.dir.resolve(".deployguard-cache/9.9.8/deployguard.jar")).doesNotExist();
    }
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
