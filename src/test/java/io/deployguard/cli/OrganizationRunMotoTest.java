package io.deployguard.cli;

import static io.deployguard.testing.MotoEc2.allFromCidr;
import static io.deployguard.testing.MotoEc2.tcpFromCidr;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deployguard.app.Postdeploy;
import io.deployguard.aws.AwsCallRecorder;
import io.deployguard.testing.CloudWatchStub;
import io.deployguard.testing.DedicatedMoto;
import io.deployguard.testing.MotoEc2;
import io.deployguard.testing.MotoOrganization;
import io.deployguard.testing.MotoServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * An organisation of three member accounts in two regions on moto, with violations in every
 * target, through the command line with the standard rules. The run's own credentials are an IAM
 * user in the management account with {@code examples/lambda/organization/management-policy.json};
 * each member's role has {@code member-role-policy.json}; moto's IAM authentication is on during
 * every run, so a call that the example policies do not allow fails the test. The member
 * {@code legacy} cannot be reached (see {@link MotoOrganization}).
 */
class OrganizationRunMotoTest {
  private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");
  @RegisterExtension static final DedicatedMoto MOTO = new DedicatedMoto();

  @TempDir Path tmp;
  private MotoServer moto;
  private MotoOrganization org;
  /** Whether moto checks signatures and policies during a run. */
  private boolean enforceIam = true;
  /** account/region -> the target's VPC, set up through moto's own access role. */
  private final Map<String, MotoEc2> targets = new LinkedHashMap<>();
  /** account/region -> the rule ids that violate the policy at HIGH or above. */
  private final Map<String, Set<String>> violations = new LinkedHashMap<>();

  record Run(int exit, String out, String err) {}


  @BeforeEach
  void organisation() {
    moto = MOTO.server();
    moto.iamAuthentication(false);
    moto.reset();
    org = MotoOrganization.create(moto, List.of("payments", "search", "legacy"), Set.of("legacy"),
        "management-policy.json");
    for (MotoOrganization.Member m : org.members()) {
      for (String region : REGIONS) {
        MotoEc2 env = new MotoEc2(org.in(m.id()).ec2(region));
        String key = m.id() + "/" + region;
        targets.put(key, env);
        String all = env.ingress(env.group("poc"), allFromCidr("0.0.0.0/0"));
        String db = env.group("db");
        String postgres = env.ingress(db, tcpFromCidr(5432, 5432, "0.0.0.0/0"));
        env.ingress(env.group("web"), tcpFromCidr(443, 443, "0.0.0.0/0"));
        violations.put(key, Set.of(all, postgres));
      }
    }
  }

  private Run run(String... args) {
    return run(List.of("--organization", "--org-role", MotoOrganization.ROLE, "--exclude", "master",
        "--regions", String.join(",", REGIONS)), args);
  }

  private Run run(List<String> targets, String... args) {
    return run(moto.endpoint().toString(), targets, args);
  }

  private Run run(String endpoint, List<String> targets, String... args) {
    List<String> all = new ArrayList<>(List.of(args[0], "--endpoint-url", endpoint, "--region", "us-east-1"));
    all.addAll(targets);
    all.addAll(List.of(args).subList(1, args.length));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AwsCredentials runner = org.runner().resolveCredentials();
    System.setProperty("aws.accessKeyId", runner.accessKeyId());
    System.setProperty("aws.secretAccessKey", runner.secretAccessKey());
    moto.iamAuthentication(enforceIam);
    try {
      int code = Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err),
          Postdeploy.standard());
      return new Run(code, out.toString(), err.toString());
    } finally {
      moto.iamAuthentication(false);
      System.setProperty("aws.accessKeyId", "testing");
      System.setProperty("aws.secretAccessKey", "testing");
    }
  }

  private Map<String, Map<String, String>> listings() {
    Map<String, Map<String, String>> m = new LinkedHashMap<>();
    targets.forEach((k, env) -> m.put(k, env.listing()));
    return m;
  }

  private String legacy() {
    return org.member("legacy").id();
  }

  @Test
  void dryRunOverTheOrganisation_changesNothingAnywhere_reportsEveryTargetAndFailsClosedOnTheUnreachableAccount()
      throws IOException {
    Map<String, Map<String, String>> before = listings();
    Path json = tmp.resolve("report.json");
    Path audit = tmp.resolve("audit.json");
    AwsCallRecorder.clear();

    Path sarif = tmp.resolve("report.sarif");
    Path junit = tmp.resolve("report.xml");
    Path markdown = tmp.resolve("report.md");
    Run dry = run("remediate", "--audit", audit.toString(), "--output", "json=" + json, "--output", "sarif=" + sarif,
        "--output", "junit=" + junit, "--output", "markdown=" + markdown);

    assertThat(dry.exit()).as(dry.out() + dry.err()).isEqualTo(3);
    assertThat(listings()).isEqualTo(before);
    assertThat(AwsCallRecorder.calls()).allMatch(c -> c.matches("[a-z0-9]+:(Describe|Get|List)\\w+|sts:AssumeRole"));
    assertThat(dry.out()).contains("legacy (" + legacy() + ") us-east-1 could not be checked")
        .contains("legacy (" + legacy() + ") eu-west-1 could not be checked").contains("AccessDenied")
        .contains("6 targets (3 accounts), 4 checked, 2 not checked").contains("8 would be revoked").doesNotContain("Exception");
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    // Every violation of every reachable target, each naming its account, account name and region.
    Set<String> reported = new TreeSet<>();
    for (JsonNode f : report.get("findings")) {
      JsonNode d = f.get("details");
      String key = d.get("account").asText() + "/" + d.get("region").asText();
      assertThat(f.get("location").get("input").asText()).isEqualTo("aws://" + d.get("region").asText() + "/"
          + d.get("account").asText());
      assertThat(d.get("account_name").asText()).isEqualTo(org.members().stream()
          .filter(m -> m.id().equals(d.get("account").asText())).findFirst().orElseThrow().name());
      if (Set.of("SG001", "SG003").contains(f.get("ruleId").asText())) {
        reported.add(key + " " + f.get("resource").asText());
      }
    }
    Set<String> expected = new TreeSet<>();
    violations.forEach((k, ids) -> {
      if (!k.startsWith(legacy())) {
        ids.forEach(id -> expected.add(k + " " + id));
      }
    });
    assertThat(reported).isEqualTo(expected);
    // The other formats name account and region too: SARIF properties, a JUnit suite per target, markdown per account.
    String payments = org.member("payments").id();
    JsonNode result = new ObjectMapper().readTree(sarif.toFile()).at("/runs/0/results/0");
    assertThat(result.at("/properties/deployguard~1details/account_name").asText()).isIn("payments", "search");
    assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).startsWith("aws://");
    assertThat(Files.readString(junit)).contains("— payments (" + payments + ") us-east-1\"")
        .contains("— payments (" + payments + ") eu-west-1\"");
    assertThat(Files.readString(markdown)).contains("#### Account payments (" + payments + ")")
        .contains("#### Account search (" + org.member("search").id() + ")");
    JsonNode record = new ObjectMapper().readTree(audit.toFile());
    assertThat(record.get("mode").asText()).isEqualTo("dry-run");
    assertThat(record.get("targets")).hasSize(6);
    Set<String> statuses = new HashSet<>();
    record.get("targets").forEach(t -> statuses.add(t.get("account_name").asText() + " " + t.get("region").asText()
        + " " + t.get("status").asText()));
    assertThat(statuses).contains("legacy us-east-1 failed", "legacy eu-west-1 failed", "payments eu-west-1 checked",
        "search us-east-1 checked");
  }

  @Test
  void applyOverTheOrganisation_revokesExactlyTheViolationsInEveryReachableTarget_andNothingInTheUnreachableOne() {
    Map<String, Map<String, String>> before = listings();

    Run applied = run("remediate", "--apply", "--max-revocations", "10");

    assertThat(applied.exit()).as(applied.out() + applied.err()).isEqualTo(3);
    Map<String, Map<String, String>> after = listings();
    before.forEach((key, rules) -> {
      Map<String, String> expected = new LinkedHashMap<>(rules);
      if (!key.startsWith(legacy())) {
        violations.get(key).forEach(expected::remove);
      }
      assertThat(after.get(key)).as(key).isEqualTo(expected);
    });
    assertThat(applied.out()).contains("8 revoked");

    // The same run that lets unreachable targets pass: the reachable ones are clean now.
    Run again = run("remediate", "--allow-target-errors");

    assertThat(again.exit()).as(again.out() + again.err()).isEqualTo(0);
    assertThat(again.out()).contains("targets not checked (--allow-target-errors)")
        .contains("legacy (" + legacy() + ") us-east-1");
  }

  @Test
  void aWrongOptionOverTheOrganisation_isAUsageErrorBeforeAnyRoleIsAssumed() {
    AwsCallRecorder.clear();

    Run wrong = run("remediate", "--notify", "not-a-topic");

    assertThat(wrong.exit()).as(wrong.out() + wrong.err()).isEqualTo(2);
    assertThat(wrong.err()).startsWith("deployguard: --notify not-a-topic: not an SNS topic ARN").hasLineCount(1);
    assertThat(AwsCallRecorder.calls()).isEmpty();
  }

  @Test
  void anUnknownRuleOverTheOrganisation_isAUsageErrorBeforeAnyAwsCall() {
    AwsCallRecorder.clear();

    Run wrong = run("postdeploy", "--rule", "SG0001");

    assertThat(wrong.exit()).as(wrong.out() + wrong.err()).isEqualTo(2);
    assertThat(wrong.err()).startsWith("deployguard: --rule SG0001: 'deployguard postdeploy' has no rule 'SG0001'")
        .hasLineCount(1);
    assertThat(AwsCallRecorder.calls()).isEmpty();
  }

  @Test
  void allRegionsOfOneAccountInTheAccountsFile_checksItsEnabledRegions_notARegionNamedAll() throws IOException {
    Path accounts = tmp.resolve("accounts.yml");
    Files.writeString(accounts, """
        accounts:
          - id: "%s"
            name: payments-prod
            regions: [all]
          - id: "%s"
            name: search-prod
            regions: [eu-west-1]
        """.formatted(org.member("payments").id(), org.member("search").id()));

    Run r = run(List.of("--accounts", accounts.toString(), "--org-role", MotoOrganization.ROLE, "--parallel", "4"),
        "remediate");

    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    long enabled = moto.clients().ec2("us-east-1").describeRegions().regions().stream()
        .filter(x -> !"not-opted-in".equals(x.optInStatus()))
        .filter(x -> !x.regionName().startsWith("cn-") && !x.regionName().startsWith("us-gov-")).count();
    assertThat(r.out()).contains((enabled + 1) + " targets (2 accounts), " + (enabled + 1) + " checked")
        .doesNotContain("aws://all/");
  }

  @Test
  void theRevocationLimit_holdsAcrossTheRun_andRevokesTheWorstRulesFirst() {
    Run limited = run("remediate", "--apply", "--max-revocations", "3", "--allow-target-errors");

    assertThat(limited.exit()).as(limited.out() + limited.err()).isEqualTo(1);
    List<String> revoked = new ArrayList<>();
    Map<String, Map<String, String>> after = listings();
    violations.forEach((key, ids) -> ids.stream().filter(id -> !after.get(key).containsKey(id))
        .forEach(id -> revoked.add(key + " " + id)));
    assertThat(revoked).hasSize(3).noneMatch(r -> r.startsWith(legacy()));
    // Only all-traffic rules (SG001, CRITICAL) go before any HIGH database rule is touched.
    long openAllTraffic = targets.values().stream().flatMap(e -> e.listing().values().stream())
        .filter(v -> v.startsWith("ingress -1")).count();
    assertThat(openAllTraffic).isEqualTo(6 - 3);
    assertThat(limited.out()).contains("limit reached");
  }

  @Test
  void anAccountsFileWithAllRegions_checksEveryEnabledRegion_andThePoliciesGrantExactlyTheCallsMade()
      throws IOException {
    Path accounts = tmp.resolve("accounts.yml");
    Files.writeString(accounts, """
        accounts:
          - id: "%s"
            name: payments-prod
            role: %s
          - id: "%s"
            name: search-prod
            role: arn:aws:iam::%s:role/%s
            regions: [eu-west-1]
        """.formatted(org.member("payments").id(), MotoOrganization.ROLE, org.member("search").id(),
        org.member("search").id(), MotoOrganization.ROLE));
    Path json = tmp.resolve("all.json");
    AwsCallRecorder.clear();

    Run all = run(List.of("--accounts", accounts.toString(), "--regions", "all", "--parallel", "4"), "remediate",
        "--output", "json=" + json);
    Run org = run("remediate", "--apply");

    assertThat(all.exit()).as(all.out() + all.err()).isEqualTo(1);
    assertThat(org.exit()).as(org.out() + org.err()).isEqualTo(3);
    Set<String> regions = new TreeSet<>();
    // Enabled: not waiting for an opt-in; and in the aws partition (moto lists China and GovCloud too).
    moto.clients().ec2("us-east-1").describeRegions().regions().stream()
        .filter(r -> !"not-opted-in".equals(r.optInStatus())).map(r -> r.regionName())
        .filter(r -> !r.startsWith("cn-") && !r.startsWith("us-gov-")).forEach(regions::add);
    assertThat(regions).contains("us-east-1", "eu-west-1").hasSizeGreaterThan(10);
    // payments-prod in every enabled region, search-prod only in its own.
    assertThat(all.out()).contains(regions.size() + 1 + " targets (2 accounts), " + (regions.size() + 1) + " checked");
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    Set<String> names = new TreeSet<>();
    report.get("findings").forEach(f -> names.add(f.get("details").get("account_name").asText()));
    assertThat(names).containsExactly("payments-prod", "search-prod");
    Set<String> granted = new TreeSet<>(PostdeployIamPolicyTest.actionsOf(
        Path.of("examples/lambda/organization/management-policy.json")));
    granted.addAll(PostdeployIamPolicyTest.actionsOf(Path.of("examples/lambda/organization/member-role-policy.json")));
    assertThat(AwsCallRecorder.actions()).isEqualTo(granted);
  }

  @Test
  void postdeployOverTheOrganisation_checksTheAlarmsOfEveryTargetInItsOwnSection() {
    // Requests the stub forwards to moto no longer match their signatures: moto checks none here.
    enforceIam = false;
    try (CloudWatchStub cw = CloudWatchStub.start()) {
      cw.proxyEverythingElseTo(moto.endpoint());
      cw.alarms(List.of(), 100);

      Run r = run(cw.endpoint().toString(), List.of("--organization", "--org-role", MotoOrganization.ROLE,
          "--exclude", "master,legacy", "--regions", String.join(",", REGIONS)), "postdeploy", "--cluster", "prod");

      assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
      for (String name : List.of("payments", "search")) {
        for (String region : REGIONS) {
          assertThat(r.out()).contains("cloudwatch://" + region + "/" + org.member(name).id() + "\n  HIGH     ALARM001")
              .contains("aws://" + region + "/" + org.member(name).id() + "\n  CRITICAL SG001");
        }
      }
    }
  }
}
