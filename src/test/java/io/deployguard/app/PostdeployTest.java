package io.deployguard.app;

import static io.deployguard.testing.CloudWatchStub.metricAlarm;
import static io.deployguard.testing.MotoEc2.tcpFromCidr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.deployguard.aws.AlarmRequirement;
import io.deployguard.network.Cidr;
import io.deployguard.network.Direction;
import io.deployguard.network.Origin;
import io.deployguard.network.PortRange;
import io.deployguard.network.Protocol;
import io.deployguard.network.SecurityGroupRule;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.Location;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.ScanError;
import io.deployguard.policy.ScanResult;
import io.deployguard.report.RunSummary;
import io.deployguard.testing.CloudWatchStub;
import io.deployguard.testing.MotoEc2;
import io.deployguard.testing.MotoServer;
import io.deployguard.testing.PostdeployWiring;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The post-deploy check run through {@link ScanRun} in a workspace: EC2, STS and SNS in moto, CloudWatch in the
 * CBOR stub (which passes every other call on to moto, so one endpoint serves all services and
 * every request can be inspected), the small {@code WorldSshPolicy} (TEST002: SSH from the world).
 */
class PostdeployTest {
  /** Not the keys the shared moto setup puts in the default chain, so that signatures show which were used. */
  private static final String ACCESS_KEY = "AKIDPOSTDEPLOYFACADE";

  @TempDir Path workspace;

  private CloudWatchStub cw;
  private MotoEc2 env;
  private String topic;
  private final AtomicInteger credentialLookups = new AtomicInteger();
  private AwsCredentialsProvider credentials;

  @BeforeEach
  void setUp() throws IOException {
    MotoServer moto = MotoServer.shared();
    moto.reset();
    env = new MotoEc2(moto.clients().ec2(MotoServer.REGION));
    topic = moto.clients().sns(MotoServer.REGION).createTopic(c -> c.name("oncall")).topicArn();
    cw = CloudWatchStub.start();
    cw.proxyEverythingElseTo(moto.endpoint());
    StaticCredentialsProvider keys = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, "secret"));
    credentials = () -> {
      credentialLookups.incrementAndGet();
      return keys.resolveCredentials();
    };
    Files.writeString(workspace.resolve("deployguard.yml"), """
        version: 1
        remediate:
          vpc_ids: [%s]
        alarms:
          eks_node_disk:
            clusters: [prod]
          logs_ingestion:
            enabled: false
        """.formatted(env.vpcId()));
  }

  @AfterEach
  void stop() {
    cw.close();
  }

  private void tightDiskAlarm() {
    cw.alarms(List.of(metricAlarm("prod-disk", "ContainerInsights", "node_filesystem_utilization",
        Map.of("ClusterName", "prod"), "Maximum", "GreaterThanOrEqualToThreshold", 80, List.of(topic))), 100);
  }

  /** What a run gave: the result and the exit code. */
  private record Outcome(ScanResult result, int exitCode) {}

  /** The workspace's configuration, no reports, judged today. */
  private ScanOptions options() {
    return ScanOptions.in(workspace, java.time.LocalDate.now(java.time.ZoneOffset.UTC))
        .withConfig(Path.of("deployguard.yml"));
  }

  private Outcome run(Postdeploy wired, Postdeploy.Request.Builder request) throws IOException {
    return run(wired, request.build(), options());
  }

  private Outcome run(Postdeploy wired, Postdeploy.Request request, ScanOptions options) throws IOException {
    ScanResult result = ScanRun.execute(options, "deployguard postdeploy",
        config -> wired.prepare(request, config).toScan(),
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    return new Outcome(result, ExitStatus.of(result, options.softFail()).code());
  }

  /** Findings suppressed by a waiver, a baseline or a comment. */
  private static int suppressed(Outcome o) {
    return o.result().findings().size() - o.result().active().size();
  }

  /** One region of moto, with credentials of its own. */
  private Postdeploy.Request.Builder request() {
    return Postdeploy.Request.in(workspace)
        .region(MotoServer.REGION)
        .endpointUrl(cw.endpoint().toString())
        .credentials(credentials);
  }

  private static List<String> failingIds(Outcome o) {
    return o.result().failing().stream().map(f -> f.ruleId() + " " + f.resource()).toList();
  }

  private List<String> operations() {
    List<String> ops = new ArrayList<>();
    for (ServeEvent e : cw.server().getAllServeEvents()) {
      String url = e.getRequest().getUrl();
      ops.add(url.startsWith(CloudWatchStub.PATH) ? url.substring(CloudWatchStub.PATH.length())
          : e.getRequest().getBodyAsString().replaceAll("(?s)^.*?Action=([A-Za-z]+).*$", "$1"));
    }
    return ops;
  }

  @Test
  void violation_failsTheRun_writesEveryReport_andChangesNothing() throws IOException {
    String ssh = env.ingress(env.group("ssh-world"), tcpFromCidr(22, 22, "0.0.0.0/0"));
    String priv = env.ingress(env.group("private"), tcpFromCidr(5432, 5432, "10.0.0.0/16"));
    tightDiskAlarm();
    Map<String, String> before = env.listing();

    List<String> outputs = new ArrayList<>();
    for (String format : List.of("json", "junit", "sarif", "markdown")) {
      outputs.add(format + "=reports/" + ReportFiles.defaultName(format));
    }
    Outcome o = run(PostdeployWiring.worldSsh(), request().build(), options().withOutputs(outputs));

    assertThat(o.exitCode()).isEqualTo(1);
    assertThat(failingIds(o)).containsExactly("TEST002 " + ssh);
    assertThat(o.result().failing()).extracting(f -> f.severity().lowerName()).containsExactly("critical");
    assertThat(o.result().failOn().lowerName()).isEqualTo("high");
    assertThat(suppressed(o)).isZero();
    assertThat(o.result().errors()).isEmpty();
    assertThat(RunSummary.of(o.result()).line()).contains(" (1 critical")
        .doesNotContain("waived", "exempt", "baselined", "suppressed", "skipped", "scan error")
        .endsWith("; failing at high: FAIL");
    // One section per account and region: the job named before the account was known is renamed, not duplicated.
    assertThat(o.result().inputs()).containsExactly("aws://us-east-1/" + MotoServer.ACCOUNT, "cloudwatch://us-east-1");
    assertThat(o.result().rules()).extracting(RuleMetadata::id).contains("TEST002", "ALARM001", "ALARM004");
    assertThat(env.listing()).isEqualTo(before).containsKey(priv);

    Path reports = workspace.resolve("reports");
    try (var written = Files.list(reports)) {
      assertThat(written).containsExactlyInAnyOrder(reports.resolve("deployguard.json"),
          reports.resolve("deployguard-junit.xml"), reports.resolve("deployguard.sarif"),
          reports.resolve("deployguard.md"));
    }
    JsonNode json = new ObjectMapper().readTree(reports.resolve("deployguard.json").toFile());
    assertThat(json.toString()).contains(ssh).contains("TEST002").doesNotContain(priv);
    JsonNode sarif = new ObjectMapper().readTree(reports.resolve("deployguard.sarif").toFile());
    assertThat(sarif.get("runs").get(0).get("results").findValuesAsText("ruleId")).contains("TEST002");
    assertThat(Files.readString(reports.resolve("deployguard-junit.xml"))).contains("TEST002").contains(ssh);
    assertThat(Files.readString(reports.resolve("deployguard.md"))).contains(ssh);
  }

  @Test
  void givenCredentials_signEveryCall() throws IOException {
    env.ingress(env.group("ssh-world"), tcpFromCidr(22, 22, "0.0.0.0/0"));
    tightDiskAlarm();

    Outcome o = run(PostdeployWiring.worldSsh(), request());

    assertThat(o.result().errors()).isEmpty();
    assertThat(credentialLookups.get()).isPositive();
    List<String> signatures = cw.server().getAllServeEvents().stream()
        .map(e -> e.getRequest().getHeader("Authorization")).toList();
    assertThat(signatures).hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(a -> assertThat(a).contains("Credential=" + ACCESS_KEY + "/"));
  }

  @Test
  void softFail_passesTheViolation_andStillReportsIt() throws IOException {
    env.ingress(env.group("ssh-world"), tcpFromCidr(22, 22, "0.0.0.0/0"));
    tightDiskAlarm();

    Outcome o = run(PostdeployWiring.worldSsh(), request().build(), options().judged(null, true));

    assertThat(o.exitCode()).isZero();
    assertThat(o.result().failing()).extracting(f -> f.severity().lowerName()).containsExactly("critical");
    assertThat(RunSummary.of(o.result()).line()).contains(" (1 critical")
        .endsWith("; failing at high: FAIL (soft fail: exits 0)");
  }

  @Test
  void cleanAccount_succeeds() throws IOException {
    env.ingress(env.group("private"), tcpFromCidr(5432, 5432, "10.0.0.0/16"));
    tightDiskAlarm();

    Outcome o = run(PostdeployWiring.worldSsh(), request());

    assertThat(o.exitCode()).as(o.result().failing().toString()).isZero();
    assertThat(o.result().failing()).isEmpty();
    assertThat(o.result().errors()).isEmpty();
    assertThat(o.result().inputs()).hasSize(2);
    assertThat(RunSummary.of(o.result()).line()).doesNotContain("critical", " high,", " high)", "scan error")
        .endsWith("; failing at high: PASS");
    try (var files = Files.list(workspace)) {
      assertThat(files).as("no report written").containsExactly(workspace.resolve("deployguard.yml"));
    }
  }

  @Test
  void apply_revokesExactlyTheViolatingRule_andStillFailsTheRun() throws IOException {
    String ssh = env.ingress(env.group("ssh-world"), tcpFromCidr(22, 22, "0.0.0.0/0"));
    String https = env.ingress(env.group("https-world"), tcpFromCidr(443, 443, "0.0.0.0/0"));
    tightDiskAlarm();
    Map<String, String> expected = env.listing();
    expected.remove(ssh);

    Outcome o = run(PostdeployWiring.worldSsh(), request().apply(true));

    assertThat(o.exitCode()).isEqualTo(1);
    assertThat(env.listing()).isEqualTo(expected).containsKey(https);
    assertThat(o.result().notes()).anySatisfy(n -> assertThat(n.text()).contains("1 revoked"));
  }

  @Test
  void remediateOnly_neverReadsAlarms() throws IOException {
    String ssh = env.ingress(env.group("ssh-world"), tcpFromCidr(22, 22, "0.0.0.0/0"));
    cw.alarms(List.of(), 100);

    Outcome o = run(PostdeployWiring.worldSsh(), request().alarms(false));

    assertThat(o.result().inputs()).containsExactly("aws://us-east-1/" + MotoServer.ACCOUNT);
    assertThat(failingIds(o)).containsExactly("TEST002 " + ssh);
    assertThat(o.result().rules()).extracting(RuleMetadata::id).doesNotContain("ALARM001");
    assertThat(cw.requests("DescribeAlarms")).isEmpty();
  }

  @Test
  void alarmsOnly_neverReadsSecurityGroups_andReportsTheMissingDiskAlarm() throws IOException {
    env.ingress(env.group("ssh-world"), tcpFromCidr(22, 22, "0.0.0.0/0"));
    cw.alarms(List.of(), 100);

    Outcome o = run(PostdeployWiring.worldSsh(), request().remediate(false));

    assertThat(o.result().inputs()).containsExactly("cloudwatch://us-east-1");
    assertThat(failingIds(o)).containsExactly("ALARM001 deployguard-eks-node-disk-prod");
    assertThat(operations()).doesNotContain("DescribeSecurityGroupRules", "DescribeSecurityGroups");
  }

  @Test
  void alarmsOnlyWithApplyButWithoutCreateMissing_isAConfigurationError() {
    Postdeploy.Request r = request().remediate(false).apply(true).build();

    assertThatThrownBy(() -> run(PostdeployWiring.worldSsh(), r, options())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("--create-missing");
  }

  @Test
  void applyInAFullRun_createsMissingAlarmsOnlyWhenAskedTo() throws IOException {
    cw.alarms(List.of(), 100);

    run(PostdeployWiring.worldSsh(), request().apply(true));
    assertThat(cw.requests("PutMetricAlarm")).isEmpty();

    run(PostdeployWiring.worldSsh(), request().apply(true).createMissingAlarms(true).alarmActions(List.of(topic)));
    assertThat(cw.requests("PutMetricAlarm")).extracting(n -> n.get("AlarmName").asText())
        .containsExactly("deployguard-eks-node-disk-prod");
  }

  @Test
  void planReaderAndExtraAlarms_comeFromTheWiring() throws IOException {
    String group = env.group("web");
    String ssh = env.ingress(group, tcpFromCidr(22, 22, "0.0.0.0/0"));
    String https = env.ingress(group, tcpFromCidr(443, 443, "0.0.0.0/0"));
    tightDiskAlarm();
    List<Path> plansRead = new ArrayList<>();
    Postdeploy wired = PostdeployWiring.worldSsh(path -> {
      plansRead.add(path);
      return List.of(SecurityGroupRule.of(Direction.INGRESS, Protocol.TCP, PortRange.single(22), Cidr.WORLD_V4,
          new Origin("aws_security_group.web", null, "web", false, null, "", Map.of(),
              Location.pointer(path.toString(), "resource_changes[0]"))));
    }, List.of(AlarmRequirement.nodeDisk("from-plan", 80, null)));

    Outcome o = run(wired, request().plan(Path.of("plan.json")));

    assertThat(plansRead).containsExactly(workspace.resolve("plan.json"));
    List<String> ids = o.result().active().stream().map(f -> f.ruleId() + " " + f.resource()).toList();
    assertThat(ids).contains("DRIFT001 " + https, "ALARM001 deployguard-eks-node-disk-from-plan")
        .doesNotContain("DRIFT001 " + ssh);
    assertThat(o.result().active()).filteredOn(f -> f.ruleId().equals("TEST002")).singleElement()
        .satisfies(f -> {
          assertThat(f.fix()).contains("fix the Terraform code too");
          assertThat(f.details()).containsEntry("declared_in_plan", "aws_security_group.web");
        });
  }

  @Test
  void aPlanUsedForDriftAndForAlarms_isReadOnce() throws IOException {
    tightDiskAlarm();
    List<Path> read = new ArrayList<>();
    List<io.deployguard.terraform.Plan> givenToAlarms = new ArrayList<>();
    Postdeploy wired = new Postdeploy(s -> new io.deployguard.aws.WorldSshPolicy(), path -> {
      read.add(path);
      return new io.deployguard.terraform.Plan(path.toString(), "1.2", "", io.deployguard.terraform.PlanRecords.NONE);
    }, (config, plan) -> {
      givenToAlarms.add(plan);
      return List.of();
    });

    run(wired, request().plan(Path.of("plan.json")));

    assertThat(read).containsExactly(workspace.resolve("plan.json"));
    assertThat(givenToAlarms).singleElement().isNotNull();
  }

  @Test
  void checksPreparedForManyTargets_readTheirPlanOnce() {
    List<Path> read = new ArrayList<>();
    Postdeploy once = new Postdeploy(s -> new io.deployguard.aws.WorldSshPolicy(), path -> {
      read.add(path);
      return new io.deployguard.terraform.Plan(path.toString(), "1.2", "", io.deployguard.terraform.PlanRecords.NONE);
    }, (config, plan) -> List.of()).readingEachPlanOnce();
    Postdeploy.Request r = request().plan(Path.of("plan.json")).build();

    for (int target = 0; target < 3; target++) {
      once.prepare(r, ConfigLoader.defaults());
    }

    assertThat(read).containsExactly(workspace.resolve("plan.json"));
  }

  @Test
  void aReportOverThePlanItReads_isRefusedAndThePlanKept() throws IOException {
    Path plan = Files.writeString(workspace.resolve("plan.json"), "{}");
    Postdeploy wired = new Postdeploy(s -> new io.deployguard.aws.WorldSshPolicy(),
        path -> new io.deployguard.terraform.Plan(path.toString(), "1.2", "", io.deployguard.terraform.PlanRecords.NONE),
        (config, p) -> List.of());
    Postdeploy.Request r = request().plan(Path.of("plan.json")).build();

    assertThatThrownBy(() -> run(wired, r, options().withOutputs(List.of("json=plan.json"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--output json=").hasMessageContaining("is an input of this run");
    assertThat(Files.readString(plan)).isEqualTo("{}");
    assertThat(cw.server().getAllServeEvents()).isEmpty();
  }

  @Test
  void unreadablePlan_isAnInputErrorBeforeAnyAwsCall() {
    Postdeploy.Request r = request().plan(Path.of("no-such-plan.json")).build();

    assertThatThrownBy(() -> run(PostdeployWiring.worldSsh(), r, options()))
        .isInstanceOf(io.deployguard.policy.InputException.class)
        .hasMessageContaining("no-such-plan.json");
    assertThat(cw.server().getAllServeEvents()).isEmpty();
  }

  @Test
  void unreachableAws_failsTheRunEvenWithSoftFail() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }

    Outcome o = run(PostdeployWiring.worldSsh(), request().endpointUrl("http://127.0.0.1:" + closed).build(),
        options().judged(null, true));

    assertThat(o.exitCode()).isEqualTo(3);
    assertThat(o.result().errors()).extracting(ScanError::input)
        .containsExactly("aws://us-east-1", "cloudwatch://us-east-1");
    assertThat(o.result().inputs()).hasSize(2);
    assertThat(RunSummary.of(o.result()).line()).endsWith(", 2 scan errors; failing at high: ERROR");
  }

  @Test
  void badRequests_areConfigurationErrors() {
    assertThatThrownBy(() -> request().remediate(false).alarms(false).build()).isInstanceOf(ConfigException.class)
        .hasMessageContaining("nothing to check");
    assertThatThrownBy(() -> request().profile("ops").build()).isInstanceOf(ConfigException.class)
        .hasMessageContaining("either a profile or credentials");
    assertThatThrownBy(() -> request().maxRevocations(-1).build()).isInstanceOf(ConfigException.class)
        .hasMessageContaining("--max-revocations");
    assertThatThrownBy(() -> request().endpointUrl("not a url")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("--endpoint-url");
    Postdeploy.Request badTopic = request().notify("sns-topic").build();
    assertThatThrownBy(() -> run(PostdeployWiring.worldSsh(), badTopic, options())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("not an SNS topic ARN");
  }
}
