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

/**
 * A finding keeps its identity (resource, fingerprint, the input reports name) however its input
 * was typed, across image tags, and apart between plans.
 */
class IdentityTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOCKERFILE = "examples/Dockerfile.single-stage";

  @TempDir Path tmp;

  record Run(int exit, String out, String err) {
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new AssertionError(out + err, e);
      }
    }

    /** {@code RULE resource fingerprint} of every finding, in report order. */
    List<String> identities() {
      List<String> ids = new ArrayList<>();
      json().get("findings").forEach(f -> ids.add(f.get("ruleId").asText() + " " + f.get("resource").asText() + " "
          + f.get("fingerprint").asText()));
      return ids;
    }
  }

  static Run run(String... args) {
    PlanCommandTest.Run r = PlanCommandTest.run(args);
    return new Run(r.exit(), r.out(), r.err());
  }

  @Test
  void aDockerfileTypedPlainWithDotSlashOrAbsolute_isOneFindingNamedFromTheRepositoryRoot() {
    Run plain = run("dockerfile", "-f", "json", DOCKERFILE);
    Run dotted = run("dockerfile", "-f", "json", "./" + DOCKERFILE);
    Run absolute = run("dockerfile", "-f", "json", Path.of(DOCKERFILE).toAbsolutePath().toString());
    Run roundabout = run("dockerfile", "-f", "json", "examples/../" + DOCKERFILE);

    assertThat(plain.identities()).isNotEmpty();
    assertThat(dotted.identities()).isEqualTo(plain.identities());
    assertThat(absolute.identities()).isEqualTo(plain.identities());
    assertThat(roundabout.identities()).isEqualTo(plain.identities());
    // The worktree's top level is the root: the path is the repository path, as a merge request shows it.
    assertThat(absolute.json().get("inputs").get(0).asText()).isEqualTo(DOCKERFILE);
    assertThat(absolute.json().get("findings").get(0).get("location").get("input").asText()).isEqualTo(DOCKERFILE);
    assertThat(absolute.json().get("findings").get(0).get("resource").asText()).startsWith(DOCKERFILE + " (stage ");
  }

  @Test
  void aWaiverWrittenWithDotSlash_coversTheDockerfileTypedAbsolute() throws IOException {
    Path config = Files.writeString(tmp.resolve("deployguard.yml"), """
        waivers:
          - rule: DF001
            resource: ./examples/Dockerfile.single-stage (stage *)
            reason: legacy build, replaced next quarter
            expires: 2099-01-01
        """);
    Run r = run("dockerfile", "-f", "json", "-c", config.toString(), Path.of(DOCKERFILE).toAbsolutePath().toString());
    JsonNode df001 = finding(r.json(), "DF001");
    assertThat(df001.get("suppressed").get("kind").asText()).isEqualTo("waiver");
  }

  @Test
  void anImageTaggedOneAndTwo_hasOneIdentity_itsRepository() throws IOException {
    Path one = archive("one", "registry.example.com:5000/team/app:1");
    Path two = archive("two", "registry.example.com:5000/team/app:2");
    Path config = Files.writeString(tmp.resolve("deployguard.yml"), "image:\n  max_image_size: 1MiB\n");

    Run r1 = run("image", "-f", "json", "-c", config.toString(), "docker-archive:" + one);
    Run r2 = run("image", "-f", "json", "-c", config.toString(), "docker-archive:" + two);

    assertThat(r1.identities()).isNotEmpty().isEqualTo(r2.identities());
    assertThat(finding(r1.json(), "IMG001").get("resource").asText()).isEqualTo("registry.example.com:5000/team/app");
  }

  @Test
  void theSamePlanAsProdAndStaging_givesTwoIdentities_andABaselineOfProdDoesNotSilenceStaging() throws IOException {
    Path prod = Files.copy(Path.of("examples/plans/open-security-group.json"), tmp.resolve("prod.json"));
    Path staging = Files.copy(prod, tmp.resolve("staging.json"));
    Path baseline = tmp.resolve("baseline.json");

    Run prodRun = run("plan", "-f", "json", "--source-root", tmp.toString(), "--write-baseline", baseline.toString(),
        prod.toString());
    Run stagingRun = run("plan", "-f", "json", "--source-root", tmp.toString(), "--baseline", baseline.toString(),
        staging.toString());

    assertThat(prodRun.exit()).isEqualTo(1);
    List<String> prodFingerprints = fingerprints(prodRun.json());
    List<String> stagingFingerprints = fingerprints(stagingRun.json());
    assertThat(prodFingerprints).isNotEmpty().doesNotContainAnyElementsOf(stagingFingerprints);
    assertThat(stagingRun.exit()).as("staging's findings are new").isEqualTo(1);
    assertThat(stagingRun.json().get("summary").get("baselined").asInt()).isZero();
    assertThat(prodRun.json().get("inputs").get(0).asText()).isEqualTo("prod.json");

    Files.createDirectories(tmp.resolve("envs"));
    Run prodAgain = run("plan", "-f", "json", "--source-root", tmp.toString(), "--baseline", baseline.toString(),
        tmp.resolve("./envs/../prod.json").toString());
    assertThat(prodAgain.exit()).as(prodAgain.err()).isZero();
  }

  @Test
  void aVersion1Baseline_stillApplies_withAOneLineNote_andIsRewrittenAsVersion2() throws IOException {
    // Version 1 held the fingerprints of findings as the readers named them, paths as typed.
    List<io.deployguard.policy.Finding> raw = io.deployguard.docker.dockerfile.DockerfileScan.scan(Path.of(DOCKERFILE),
        null, null, io.deployguard.docker.DockerfileSettings.DEFAULT);
    StringBuilder entries = new StringBuilder();
    for (io.deployguard.policy.Finding f : raw) {
      entries.append(entries.length() == 0 ? "" : ",").append("{\"fingerprint\":\"").append(f.fingerprint())
          .append("\",\"ruleId\":\"").append(f.ruleId()).append("\",\"resource\":\"x\"}");
    }
    Path v1 = Files.writeString(tmp.resolve("baseline.json"), "{\"version\":1,\"findings\":[" + entries + "]}");

    Path v2 = tmp.resolve("baseline-v2.json");
    Run old = run("dockerfile", "-f", "json", "--baseline", v1.toString(), "--write-baseline", v2.toString(), DOCKERFILE);
    assertThat(old.exit()).as(old.err()).isZero();
    assertThat(old.json().get("summary").get("baselined").asInt()).isEqualTo(raw.size());
    assertThat(old.err().lines()).containsExactly("deployguard: " + v1 + ": a version 1 baseline (paths as typed, image"
        + " tags); it still applies to inputs named as when it was written; write its successor with --baseline " + v1
        + " --write-baseline NEW.json to make it independent of how paths and tags are written");

    assertThat(JSON.readTree(v2.toFile()).get("version").asInt()).isEqualTo(2);
    Run migrated = run("dockerfile", "-f", "json", "--baseline", v2.toString(), "./" + DOCKERFILE);
    assertThat(migrated.exit()).isZero();
    assertThat(migrated.err()).isEmpty();
    assertThat(migrated.json().get("summary").get("baselined").asInt()).isEqualTo(raw.size());
  }

  @Test
  void junit_keepsTheSameResourceInTwoPlansApart() throws IOException {
    Path prod = Files.copy(Path.of("examples/plans/open-security-group.json"), tmp.resolve("prod.json"));
    Path staging = Files.copy(prod, tmp.resolve("staging.json"));
    String junit = run("plan", "-f", "junit", "--source-root", tmp.toString(), prod.toString(), staging.toString()).out();
    assertThat(junit).contains("name=\"aws_security_group.bastion (prod.json)\"", "name=\"aws_security_group.bastion (staging.json)\"");
  }

  @Test
  void aWaiverScopedToAnInput_coversThatPlanOnly() throws IOException {
    Path envs = Files.createDirectories(tmp.resolve("envs"));
    Path prod = Files.copy(Path.of("examples/plans/open-security-group.json"), envs.resolve("prod.json"));
    Path staging = Files.copy(prod, envs.resolve("staging.json"));
    Path config = Files.writeString(tmp.resolve("deployguard.yml"), """
        source_root: .
        waivers:
          - rule: "*"
            resource: "*"
            input: envs/prod*.json
            reason: production is reviewed by hand this quarter
            expires: 2099-01-01
        """);
    Run r = run("plan", "-f", "json", "-c", config.toString(), prod.toString(), staging.toString());
    for (JsonNode f : r.json().get("findings")) {
      String input = f.get("location").get("input").asText();
      if (f.get("ruleId").asText().startsWith("POL")) {
        continue;
      }
      assertThat(f.get("suppressed").isNull()).as(input + " " + f).isEqualTo(input.equals("envs/staging.json"));
    }
    assertThat(r.json().get("inputs")).extracting(JsonNode::asText).containsExactly("envs/prod.json", "envs/staging.json");
  }

  @Test
  void aPlanWaiverInADockerfileRun_isNotReportedAsUnused_butInAPlanRunItIs() throws IOException {
    Path config = Files.writeString(tmp.resolve("deployguard.yml"), """
        waivers:
          - rule: SG002
            resource: aws_security_group.gone
            reason: bastion until SSM
            expires: 2099-01-01
          - rule: DF001
            resource: nothing-like-this
            reason: a stale Dockerfile waiver
            expires: 2099-01-01
          - rule: "*"
            resource: "*"
            input: envs/prod/*.json
            reason: only for production plans
            expires: 2099-01-01
        """);
    Run docker = run("dockerfile", "-f", "json", "-c", config.toString(), DOCKERFILE);
    Run plan = run("plan", "-f", "json", "-c", config.toString(), "examples/plans/safe.json");

    assertThat(pol002(docker)).containsExactly("waiver DF001 nothing-like-this");
    assertThat(pol002(plan)).containsExactly("waiver SG002 aws_security_group.gone");
  }

  private static List<String> pol002(Run r) {
    List<String> out = new ArrayList<>();
    r.json().get("findings").forEach(f -> {
      if (f.get("ruleId").asText().equals("POL002")) {
        out.add(f.get("resource").asText());
      }
    });
    return out;
  }

  private static List<String> fingerprints(JsonNode report) {
    List<String> out = new ArrayList<>();
    report.get("findings").forEach(f -> out.add(f.get("fingerprint").asText()));
    return out;
  }

  private static JsonNode finding(JsonNode report, String rule) {
    for (JsonNode f : report.get("findings")) {
      if (f.get("ruleId").asText().equals(rule)) {
        return f;
      }
    }
    throw new AssertionError("no " + rule + " in " + report);
  }

  /** A docker-archive of one 2 MiB layer tagged {@code tag}. */
  private Path archive(String name, String tag) throws IOException {
    return DockerArchives.oneLayer(tmp, name, tag, List.<Object[]>of(new Object[] {"app/blob", 2 << 20}));
  }
}
