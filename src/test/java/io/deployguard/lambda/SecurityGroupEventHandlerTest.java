package io.deployguard.lambda;

import static io.deployguard.testing.MotoEc2.allFromCidr;
import static io.deployguard.testing.MotoEc2.tcpFromCidr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deployguard.app.ConfigLoader;
import io.deployguard.aws.AwsClients;
import io.deployguard.aws.WorldSshPolicy;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.InputException;
import io.deployguard.policy.Severity;
import io.deployguard.testing.MotoEc2;
import io.deployguard.testing.MotoServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SecurityGroupEventHandlerTest {
  private MotoServer moto;
  private MotoEc2 env;
  private AwsClients clients;
  private String topic;
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

  @BeforeEach
  void setUp() {
    moto = MotoServer.shared();
    moto.reset();
    clients = moto.clients();
    env = new MotoEc2(clients.ec2(MotoServer.REGION));
    topic = clients.sns(MotoServer.REGION).createTopic(c -> c.name("security")).topicArn();
  }

  private SecurityGroupEventHandler handler(boolean dryRun) {
    return new SecurityGroupEventHandler(
        new SecurityGroupEventHandler.Settings(ConfigLoader.defaults(), topic, 10, dryRun, Severity.HIGH),
        clients::ec2, clients::sns, new WorldSshPolicy());
  }

  static byte[] event(String name, Map<String, String> values) throws IOException {
    try (InputStream in = SecurityGroupEventHandlerTest.class.getResourceAsStream(name)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (Map.Entry<String, String> e : values.entrySet()) {
        text = text.replace("@" + e.getKey() + "@", e.getValue());
      }
      return text.getBytes(StandardCharsets.UTF_8);
    }
  }

  private List<JsonNode> logLines() throws IOException {
    ObjectMapper m = new ObjectMapper();
    List<JsonNode> out = new java.util.ArrayList<>();
    for (String l : logBytes.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!l.isBlank()) {
        out.add(m.readTree(l));
      }
    }
    return out;
  }

  @Test
  void authorizeEvent_revokesOnlyTheViolatingRuleItNamesAndTellsWhoDidIt() throws IOException {
    String group = env.group("poc");
    String open = env.ingress(group, allFromCidr("0.0.0.0/0"));
    String https = env.ingress(group, tcpFromCidr(443, 443, "0.0.0.0/0"));
    String unnamed = env.ingress(group, tcpFromCidr(22, 22, "0.0.0.0/0"));

    Map<String, Object> result = handler(false).handle(
        event("authorize-ingress.json", Map.of("GROUP", group, "OPEN", open, "HTTPS", https)), log);

    assertThat(result).containsEntry("status", "ok").containsEntry("revoked", 1L);
    assertThat(env.listing()).doesNotContainKey(open).containsKeys(https, unnamed);
    List<JsonNode> lines = logLines();
    assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l.get("event").asText()).isEqualTo("deployguard.decision"));
    assertThat(lines).anySatisfy(l -> {
      assertThat(l.at("/decision/rule_id").asText()).isEqualTo(open);
      assertThat(l.at("/decision/outcome").asText()).isEqualTo("revoked");
      assertThat(l.get("principal").asText()).isEqualTo("arn:aws:sts::123456789012:assumed-role/poc-admin/poc-user");
    });
    List<MotoServer.SentMessage> sent = moto.sentMessages();
    assertThat(sent).hasSize(1);
    JsonNode body = new ObjectMapper().readTree(sent.get(0).body());
    assertThat(body.get("principal").asText()).isEqualTo("arn:aws:sts::123456789012:assumed-role/poc-admin/poc-user");
    assertThat(body.at("/runs/0/violations/0/rule_arn").asText())
        .isEqualTo("arn:aws:ec2:us-east-1:123456789012:security-group-rule/" + open);
    assertThat(body.at("/runs/0/violations/0/violations/0/rule").asText()).isEqualTo("TEST001");
    assertThat(sent.get(0).body()).doesNotContain("ASIAEXAMPLEKEY").doesNotContain("testing");
  }

  @Test
  void modifyEvent_revokesTheRuleItTurnedIntoAViolation() throws IOException {
    String group = env.group("web");
    String rule = env.ingress(group, tcpFromCidr(22, 22, "0.0.0.0/0"));

    Map<String, Object> result = handler(false).handle(event("modify-rules.json", Map.of("GROUP", group, "RULE", rule)), log);

    assertThat(result).containsEntry("status", "ok").containsEntry("revoked", 1L)
        .containsEntry("principal", "arn:aws:iam::123456789012:user/alice");
    assertThat(env.listing()).doesNotContainKey(rule);
  }

  @Test
  void exemptGroup_keepsTheRule() throws IOException {
    String group = env.group("bastion", Map.of("deployguard:exempt", "bastion host; until=2999-01-01"));
    String ssh = env.ingress(group, tcpFromCidr(22, 22, "0.0.0.0/0"));

    Map<String, Object> result = handler(false).handle(event("modify-rules.json", Map.of("GROUP", group, "RULE", ssh)), log);

    assertThat(result).containsEntry("revoked", 0L);
    assertThat(env.listing()).containsKey(ssh);
    assertThat(logLines()).singleElement().satisfies(l -> assertThat(l.at("/decision/outcome").asText()).isEqualTo("exempt"));
  }

  @Test
  void dryRunSetting_reportsButRevokesNothing() throws IOException {
    String group = env.group("web");
    String rule = env.ingress(group, tcpFromCidr(22, 22, "0.0.0.0/0"));

    handler(true).handle(event("modify-rules.json", Map.of("GROUP", group, "RULE", rule)), log);

    assertThat(env.listing()).containsKey(rule);
    assertThat(logLines()).filteredOn(l -> l.path("event").asText().equals("deployguard.decision")).singleElement()
        .satisfies(l -> assertThat(l.at("/decision/outcome").asText()).isEqualTo("would-revoke"));
    // Dry means dry: the message is shown in the log, not published.
    assertThat(logLines()).filteredOn(l -> l.path("event").asText().equals("deployguard.notification")).singleElement()
        .satisfies(l -> assertThat(l.path("preview").asText()).contains("nothing published"));
    assertThat(MotoServer.shared().sentMessages()).isEmpty();
  }

  @Test
  void malformedEvent_isAClearErrorAndRevokesNothing() throws IOException {
    String group = env.group("poc");
    String open = env.ingress(group, allFromCidr("0.0.0.0/0"));
    String text = new String(event("authorize-ingress.json", Map.of("GROUP", group, "OPEN", open, "HTTPS", open)),
        StandardCharsets.UTF_8).replace("securityGroupRuleSet", "ruleSet");

    assertThatThrownBy(() -> handler(false).handle(text.getBytes(StandardCharsets.UTF_8), log))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("detail.responseElements.securityGroupRuleSet.items")
        .hasMessageContaining("nothing was revoked");
    assertThat(env.listing()).containsKey(open);
    assertThat(logLines()).singleElement().satisfies(l -> assertThat(l.get("event").asText()).isEqualTo("deployguard.error"));
    assertThat(moto.sentMessages()).isEmpty();
  }

  @Test
  void ruleIdThatIsNotOne_isRejected() throws IOException {
    byte[] e = event("modify-rules.json", Map.of("GROUP", "sg-1", "RULE", "sg-0123456789abcdef0"));

    assertThatThrownBy(() -> handler(false).handle(e, log)).isInstanceOf(InputException.class)
        .hasMessageContaining("SecurityGroupRuleId").hasMessageContaining("expected a security-group rule id");
  }

  @Test
  void otherEventsAndNonJson_areRejected() throws IOException {
    String other = new String(event("modify-rules.json", Map.of("GROUP", "sg-1", "RULE", "sgr-0123456789abcdef0")),
        StandardCharsets.UTF_8).replace("\"ModifySecurityGroupRules\"", "\"RunInstances\"");

    assertThatThrownBy(() -> handler(false).handle(other.getBytes(StandardCharsets.UTF_8), log))
        .isInstanceOf(InputException.class).hasMessageContaining("'RunInstances' is not");
    assertThatThrownBy(() -> handler(false).handle("{not json".getBytes(StandardCharsets.UTF_8), log))
        .isInstanceOf(InputException.class).hasMessageContaining("not JSON");
  }

  @Test
  void failedApiCall_isIgnored() throws IOException {
    String text = new String(event("modify-rules.json", Map.of("GROUP", "sg-1", "RULE", "sgr-0123456789abcdef0")),
        StandardCharsets.UTF_8).replace("\"eventSource\"", "\"errorCode\": \"Client.UnauthorizedOperation\", \"eventSource\"");

    Map<String, Object> result = handler(false).handle(text.getBytes(StandardCharsets.UTF_8), log);

    assertThat(result).containsEntry("status", "ignored");
    assertThat(result.get("reason").toString()).contains("Client.UnauthorizedOperation");
  }

  @Test
  void environment_configuresTheHandler() {
    SecurityGroupEventHandler.Settings s = SecurityGroupEventHandler.Settings.fromEnvironment(Map.of(
        "DEPLOYGUARD_TOPIC_ARN", "arn:aws:sns:eu-west-1:123456789012:t", "DEPLOYGUARD_MAX_REVOCATIONS", "3",
        "DEPLOYGUARD_DRY_RUN", "true", "DEPLOYGUARD_REVOKE_AT", "critical"));

    assertThat(s.topicArn()).isEqualTo("arn:aws:sns:eu-west-1:123456789012:t");
    assertThat(s.maxRevocations()).isEqualTo(3);
    assertThat(s.dryRun()).isTrue();
    assertThat(s.revokeAt()).isEqualTo(Severity.CRITICAL);
    assertThatThrownBy(() -> SecurityGroupEventHandler.Settings.fromEnvironment(Map.of("DEPLOYGUARD_DRY_RUN", "yes")))
        .hasMessageContaining("DEPLOYGUARD_DRY_RUN");
  }

  @Test
  void aNegativeMaxRevocations_isRefusedAtStartUp_namingTheVariable() {
    assertThatThrownBy(() -> SecurityGroupEventHandler.Settings.fromEnvironment(
        Map.of("DEPLOYGUARD_MAX_REVOCATIONS", "-1")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("DEPLOYGUARD_MAX_REVOCATIONS: '-1' is below 0; give 0 (revoke nothing) or more");
  }

  @Test
  void aTopicThatIsNoArn_isRefusedAtStartUp_namingTheVariable() {
    assertThatThrownBy(() -> SecurityGroupEventHandler.Settings.fromEnvironment(
        Map.of("DEPLOYGUARD_TOPIC_ARN", "security-alerts")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("DEPLOYGUARD_TOPIC_ARN: 'security-alerts' is not an SNS topic ARN; give"
            + " arn:aws:sns:REGION:ACCOUNT:NAME");
    // The region is where the message is published: an ARN without one is refused too, not sent nowhere.
    assertThatThrownBy(() -> SecurityGroupEventHandler.Settings.fromEnvironment(
        Map.of("DEPLOYGUARD_TOPIC_ARN", "arn:aws:sns::123456789012:alerts")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("DEPLOYGUARD_TOPIC_ARN: 'arn:aws:sns::123456789012:alerts' is not an SNS topic ARN");
  }
}
