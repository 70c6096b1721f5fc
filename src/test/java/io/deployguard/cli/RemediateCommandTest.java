package io.deployguard.cli;

import static io.deployguard.testing.MotoEc2.allFromCidr;
import static io.deployguard.testing.MotoEc2.tcpFromCidr;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deployguard.app.Postdeploy;
import io.deployguard.network.SecurityGroupRule;
import io.deployguard.testing.MotoEc2;
import io.deployguard.testing.MotoServer;
import io.deployguard.testing.PostdeployWiring;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

class RemediateCommandTest {
  @TempDir Path tmp;
  private MotoServer moto;
  private MotoEc2 env;
  /** The rules the plan declares, for the drift tests; {@code --plan} is not given otherwise. */
  private Function<Path, List<SecurityGroupRule>> planReader = path -> {
    throw new AssertionError("no plan expected");
  };
  private String topic;

  /** Output of one in-process run. */
  record Run(int exit, String out, String err) {}

  @BeforeEach
  void setUp() {
    moto = MotoServer.shared();
    moto.reset();
    Ec2Client ec2 = moto.clients().ec2(MotoServer.REGION);
    env = new MotoEc2(ec2);
    topic = moto.clients().sns(MotoServer.REGION).createTopic(c -> c.name("security")).topicArn();
  }

  /** The post-deploy wiring with the small test policy and this test's plan reader. */
  private Postdeploy testWiring() {
    return PostdeployWiring.worldSsh(path -> planReader.apply(path));
  }

  private Run run(String... args) {
    return run(testWiring(), args);
  }

  private Run run(Postdeploy wiring, String... args) {
    List<String> all = new ArrayList<>(List.of(args[0], "--endpoint-url", moto.endpoint().toString(),
        "--region", MotoServer.REGION, "--vpc-id", env.vpcId()));
    all.addAll(List.of(args).subList(1, args.length));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), wiring);
    return new Run(code, out.toString(), err.toString());
  }

  private static Map<String, String> outcomes(Path audit) throws IOException {
    JsonNode root = new ObjectMapper().readTree(audit.toFile());
    assertThat(root.get("version").asInt()).isEqualTo(2);
    Map<String, String> m = new HashMap<>();
    for (JsonNode d : root.get("runs").get(0).get("decisions")) {
      m.put(d.get("rule_id").asText(), d.get("outcome").asText());
    }
    return m;
  }

  @Test
  void doneWhen_reportsTheTwoOpenGroupsChangesNothingThenApplyRevokesExactlyThem() throws IOException {
    String open = env.ingress(env.group("open-all"), allFromCidr("0.0.0.0/0"));
    String ssh = env.ingress(env.group("ssh-world"), tcpFromCidr(22, 22, "0.0.0.0/0"));
    String https = env.ingress(env.group("https-world"), tcpFromCidr(443, 443, "0.0.0.0/0"));
    String priv = env.ingress(env.group("private"), tcpFromCidr(5432, 5432, "10.0.0.0/16"));
    Map<String, String> before = env.listing();
    Path audit = tmp.resolve("audit.json");

    Run dry = run("remediate", "--audit", audit.toString(), "--notify", topic);

    assertThat(dry.exit()).as(dry.err()).isEqualTo(1);
    assertThat(dry.out()).contains("CRITICAL TEST001 " + open).contains("CRITICAL TEST002 " + ssh)
        .doesNotContain("TEST001 " + https).doesNotContain(" " + priv + ":");
    assertThat(env.listing()).isEqualTo(before);
    assertThat(outcomes(audit)).containsEntry(open, "would-revoke").containsEntry(ssh, "would-revoke")
        .containsEntry(https, "kept").containsEntry(priv, "kept");
    // Dry means dry: nothing is published; the report says what would be.
    assertThat(moto.sentMessages()).isEmpty();
    assertThat(dry.out()).contains("nothing published").contains(topic)
        .contains("deployguard: 2 violating security-group rules, 0 revoked (us-east-1)")
        .contains("would revoke - " + open + " in group open-all (")
        .contains("would revoke - " + ssh + " in group ssh-world (");

    Run applied = run("remediate", "--apply", "--audit", audit.toString(), "--notify", topic);

    assertThat(applied.exit()).as(applied.err()).isEqualTo(1);
    Map<String, String> expected = new HashMap<>(before);
    expected.remove(open);
    expected.remove(ssh);
    assertThat(env.listing()).isEqualTo(expected);
    assertThat(outcomes(audit)).containsEntry(open, "revoked").containsEntry(ssh, "revoked")
        .containsEntry(https, "kept").containsEntry(priv, "kept");
    List<MotoServer.SentMessage> sent = moto.sentMessages();
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).subject()).isEqualTo("deployguard: 2 violating security-group rules, 2 revoked (us-east-1)");
    assertThat(sent.get(0).body()).contains(open, ssh, "arn:aws:ec2:us-east-1:123456789012:security-group-rule/" + open)
        .doesNotContain(https).doesNotContain("testing");
    assertThat(applied.out()).contains("revoked - " + open).contains("revoked - " + ssh);
    JsonNode body = new ObjectMapper().readTree(sent.get(0).body());
    JsonNode violations = body.get("runs").get(0).get("violations");
    assertThat(violations).hasSize(2);
    assertThat(violations.findValuesAsText("outcome")).containsOnly("revoked");
    assertThat(violations.findValuesAsText("rule_id")).containsExactlyInAnyOrder(open, ssh);
    assertThat(violations.findValuesAsText("group_name")).containsExactlyInAnyOrder("open-all", "ssh-world");
  }

  @Test
  void applyWithLimitZero_reportsTheRuleAndRevokesNothing() throws IOException {
    String ssh = env.ingress(env.group("ssh-world"), tcpFromCidr(22, 22, "0.0.0.0/0"));
    Path audit = tmp.resolve("audit.json");

    Run r = run("remediate", "--apply", "--max-revocations", "0", "--audit", audit.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains(ssh);
    assertThat(env.listing()).containsKey(ssh);
    assertThat(outcomes(audit)).containsEntry(ssh, "left-open-by-limit");
  }

  @Test
  void planDrift_withAnUnreadablePlan_isAnInputErrorBeforeAnyChange() {
    Run r = run(PostdeployWiring.worldSsh(), "remediate", "--apply", "--plan", tmp.resolve("plan.json").toString());

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("plan.json").doesNotContain("\tat ");
  }

  @Test
  void planDrift_reportsUndeclaredLiveRulesAndMarksDeclaredViolatingOnes() {
    String group = env.group("web");
    String ssh = env.ingress(group, tcpFromCidr(22, 22, "0.0.0.0/0"));
    String https = env.ingress(group, tcpFromCidr(443, 443, "0.0.0.0/0"));
    planReader = path -> List.of(
        SecurityGroupRule.of(io.deployguard.network.Direction.INGRESS, io.deployguard.network.Protocol.TCP,
            io.deployguard.network.PortRange.single(22), io.deployguard.network.Cidr.WORLD_V4,
            new io.deployguard.network.Origin("aws_security_group.web", null, "web", false, null, "", Map.of(),
                io.deployguard.policy.Location.pointer(path.toString(), "resource_changes[0]"))));

    Run r = run("remediate", "--plan", tmp.resolve("plan.json").toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).contains("DRIFT001 " + https).doesNotContain("DRIFT001 " + ssh)
        .contains("fix the Terraform code too, or the next apply will add it back");
  }

  @Test
  void sdkEndpointSetting_isHonouredWithoutEndpointUrl() {
    // aws.endpointUrl is the system-property twin of AWS_ENDPOINT_URL; the SDK resolves both the same way.
    String ssh = env.ingress(env.group("ssh-world"), tcpFromCidr(22, 22, "0.0.0.0/0"));
    System.setProperty("aws.endpointUrl", moto.endpoint().toString());
    try {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Main.run(new String[] {"remediate", "--region", MotoServer.REGION, "--vpc-id", env.vpcId()},
          new PrintWriter(out), new PrintWriter(err), testWiring());

      assertThat(code).as(err.toString()).isEqualTo(1);
      assertThat(out.toString()).contains("TEST002 " + ssh);
    } finally {
      System.clearProperty("aws.endpointUrl");
    }
  }

  @Test
  void unreachableEndpoint_isAnInputErrorNotAPass() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    int code = Main.run(new String[] {"remediate", "--endpoint-url", "http://127.0.0.1:" + closedPort,
        "--region", "us-east-1"},
        new PrintWriter(out), new PrintWriter(err), testWiring());

    assertThat(code).isEqualTo(3);
    assertThat(out.toString()).contains("ERROR aws://us-east-1");
  }

  @Test
  void writeBaseline_recordsTheDryRunsViolations_andTheNextRunWithThatBaselinePasses() throws IOException {
    String ssh = env.ingress(env.group("ssh-world"), tcpFromCidr(22, 22, "0.0.0.0/0"));
    Map<String, String> before = env.listing();
    Path baseline = tmp.resolve("remediate-baseline.json");

    Run first = run("remediate", "--write-baseline", baseline.toString());
    Run second = run("remediate", "--baseline", baseline.toString());

    assertThat(first.exit()).as(first.err()).isEqualTo(1);
    assertThat(Files.readString(baseline)).contains("fingerprint");
    assertThat(second.exit()).as(second.out() + second.err()).isZero();
    assertThat(second.out()).contains(ssh);
    assertThat(env.listing()).as("a dry run changes nothing").isEqualTo(before);
  }
}
