package io.deployguard.cli;

import static io.deployguard.testing.CloudWatchStub.metricAlarm;
import static io.deployguard.testing.MotoEc2.allFromCidr;
import static io.deployguard.testing.MotoEc2.tcpFromCidr;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deployguard.app.ConfigLoader;
import io.deployguard.aws.AwsCallRecorder;
import io.deployguard.aws.WorldSshPolicy;
import io.deployguard.lambda.SecurityGroupEventHandler;
import io.deployguard.policy.Severity;
import io.deployguard.testing.CloudWatchStub;
import io.deployguard.testing.MotoEc2;
import io.deployguard.testing.MotoServer;
import io.deployguard.testing.PostdeployWiring;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The IAM policies in {@code examples/iam/} grant exactly the AWS operations each command calls:
 * every call the SDK makes during a full run (recorded by {@link AwsCallRecorder}, which the SDK
 * loads for every client) is in the command's policy, and every action of the policy was called.
 * The Lambda's {@code logs:} actions are used by the Lambda runtime, not by deployguard's code,
 * and are compared separately.
 */
class PostdeployIamPolicyTest {
  private MotoServer moto;
  private MotoEc2 env;
  private String topic;

  @BeforeEach
  void setUp() {
    moto = MotoServer.shared();
    moto.reset();
    env = new MotoEc2(moto.clients().ec2(MotoServer.REGION));
    topic = moto.clients().sns(MotoServer.REGION).createTopic(c -> c.name("deployguard-security")).topicArn();
  }

  static Set<String> policyActions(String file) throws IOException {
    return actionsOf(Path.of("examples/iam", file));
  }

  /** The actions of an IAM policy file whose statements all allow. */
  static Set<String> actionsOf(Path file) throws IOException {
    JsonNode policy = new ObjectMapper().readTree(file.toFile());
    Set<String> actions = new TreeSet<>();
    for (JsonNode st : policy.get("Statement")) {
      assertThat(st.get("Effect").asText()).isEqualTo("Allow");
      st.get("Action").forEach(a -> actions.add(a.asText()));
    }
    return actions;
  }

  private static int cli(String... args) {
    return Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        PostdeployWiring.worldSsh());
  }

  @Test
  void remediatePolicy_isExactlyWhatRemediateCalls() throws IOException {
    env.ingress(env.group("open"), allFromCidr("0.0.0.0/0"));
    env.ingress(env.group("ssh"), tcpFromCidr(22, 22, "0.0.0.0/0"));
    AwsCallRecorder.clear();

    int code = cli("remediate", "--endpoint-url", moto.endpoint().toString(), "--region", MotoServer.REGION,
        "--vpc-id", env.vpcId(), "--apply", "--notify", topic);

    assertThat(code).isEqualTo(1);
    assertThat(AwsCallRecorder.actions()).isEqualTo(policyActions("remediate.json"));
  }

  @Test
  void alarmsPolicy_isExactlyWhatAlarmsCalls() throws IOException {
    try (CloudWatchStub cw = CloudWatchStub.start()) {
      cw.proxyEverythingElseTo(moto.endpoint());
      cw.alarms(List.of(metricAlarm("logs", "AWS/Logs", "IncomingBytes", Map.of(), "Sum", "GreaterThanThreshold", 1e9,
          List.of(topic))), 100);
      AwsCallRecorder.clear();

      int code = cli("alarms", "--endpoint-url", cw.endpoint().toString(), "--region", MotoServer.REGION,
          "--cluster", "prod", "--create-missing", "--apply", "--alarm-action", topic);

      assertThat(code).isEqualTo(1);
      assertThat(AwsCallRecorder.actions()).isEqualTo(policyActions("alarms.json"));
    }
  }

  @Test
  void lambdaPolicy_isExactlyWhatTheHandlerCallsPlusTheRuntimesLogActions() throws IOException {
    String group = env.group("poc");
    String open = env.ingress(group, allFromCidr("0.0.0.0/0"));
    String https = env.ingress(group, tcpFromCidr(443, 443, "0.0.0.0/0"));
    byte[] event;
    try (InputStream in = SecurityGroupEventHandler.class.getResourceAsStream("authorize-ingress.json")) {
      event = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@GROUP@", group).replace("@OPEN@", open)
          .replace("@HTTPS@", https).getBytes(StandardCharsets.UTF_8);
    }
    var clients = moto.clients();
    SecurityGroupEventHandler handler = new SecurityGroupEventHandler(
        new SecurityGroupEventHandler.Settings(ConfigLoader.defaults(), topic, 10, false, Severity.HIGH),
        clients::ec2, clients::sns, new WorldSshPolicy());
    AwsCallRecorder.clear();

    handler.handle(event, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    Set<String> policy = policyActions("lambda.json");
    Set<String> runtime = new TreeSet<>(Set.of("logs:CreateLogStream", "logs:PutLogEvents"));
    assertThat(policy).containsAll(runtime);
    policy.removeAll(runtime);
    assertThat(AwsCallRecorder.actions()).isEqualTo(policy);
  }
}
