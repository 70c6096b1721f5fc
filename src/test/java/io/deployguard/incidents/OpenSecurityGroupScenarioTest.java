package io.deployguard.incidents;

import static io.deployguard.incidents.IncidentFiles.deployguard;
import static io.deployguard.testing.MotoEc2.allFromCidr;
import static io.deployguard.testing.MotoEc2.tcpFromCidr;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deployguard.app.ConfigLoader;
import io.deployguard.aws.AwsClients;
import io.deployguard.aws.SecurityGroupPolicy;
import io.deployguard.incidents.IncidentFiles.Run;
import io.deployguard.lambda.SecurityGroupEventHandler;
import io.deployguard.network.NetworkSettings;
import io.deployguard.policy.Severity;
import io.deployguard.testing.MotoEc2;
import io.deployguard.testing.MotoServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scenario 2: the CloudTrail event of examples/incidents/open-security-group (with the ids moto
 * gave the group and the rule) fed to the Lambda handler against moto, and the same rule in the
 * scenario's plan.
 */
class OpenSecurityGroupScenarioTest {
  private static final Path SCENARIO = IncidentFiles.INCIDENTS.resolve("open-security-group");
  private static final String PRINCIPAL = "arn:aws:sts::123456789012:assumed-role/poc-developer/jdoe";

  private MotoServer moto;
  private AwsClients clients;
  private MotoEc2 account;
  private String topic;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeEach
  void emptyAccount() {
    moto = MotoServer.shared();
    moto.reset();
    clients = moto.clients();
    account = new MotoEc2(clients.ec2(MotoServer.REGION));
    topic = clients.sns(MotoServer.REGION).createTopic(c -> c.name("security-alerts")).topicArn();
  }

  /** The scenario's event naming {@code group} and {@code rule}, as CloudTrail would have. */
  private static byte[] event(String group, String rule) throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode event = json.readTree(SCENARIO.resolve("event.json").toFile());
    ((ObjectNode) event.at("/detail/requestParameters")).put("groupId", group);
    ObjectNode item = (ObjectNode) event.at("/detail/responseElements/securityGroupRuleSet/items/0");
    item.put("groupId", group).put("securityGroupRuleId", rule);
    return json.writeValueAsBytes(event);
  }

  private Map<String, Object> handle(byte[] event) {
    SecurityGroupEventHandler handler = new SecurityGroupEventHandler(
        new SecurityGroupEventHandler.Settings(ConfigLoader.defaults(), topic, 10, false, Severity.HIGH),
        clients::ec2, clients::sns, SecurityGroupPolicy.standard(NetworkSettings.DEFAULT));
    return handler.handle(event, new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @Test
  void theOpenRuleIsRevoked_theRestrictedRuleStays_andSnsSaysWhoOpenedWhat() throws IOException {
    String group = account.group("poc-api");
    String restricted = account.ingress(group, tcpFromCidr(443, 443, "10.0.0.0/8"));
    String open = account.ingress(group, allFromCidr("0.0.0.0/0"));

    Map<String, Object> result = handle(event(group, open));

    assertThat(result).containsEntry("status", "ok").containsEntry("revoked", 1L).containsEntry("principal", PRINCIPAL);
    assertThat(account.listing()).doesNotContainKey(open).containsEntry(restricted, "ingress tcp 443-443 10.0.0.0/8");
    List<MotoServer.SentMessage> sent = moto.sentMessages();
    assertThat(sent).singleElement().satisfies(m -> {
      assertThat(m.topicArn()).isEqualTo(topic);
      assertThat(m.subject()).isEqualTo("deployguard: 1 violating security-group rule, 1 revoked (us-east-1)");
    });
    JsonNode message = new ObjectMapper().readTree(sent.get(0).body());
    assertThat(message.get("principal").asText()).isEqualTo(PRINCIPAL);
    JsonNode violation = message.at("/runs/0/violations/0");
    assertThat(violation.get("rule_arn").asText())
        .isEqualTo("arn:aws:ec2:us-east-1:123456789012:security-group-rule/" + open);
    assertThat(violation.get("outcome").asText()).isEqualTo("revoked");
    assertThat(violation.at("/violations/0/rule").asText()).isEqualTo("SG001");
    assertThat(violation.at("/violations/0/severity").asText()).isEqualTo("critical");
    assertThat(message.at("/runs/0/violations")).hasSize(1);
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("\"outcome\":\"revoked\"", PRINCIPAL);
  }

  @Test
  void theSameRuleInThePlan_failsDeployguardPlanWithSG001() {
    Run r = deployguard("plan", SCENARIO.resolve("plan.json").toString(), "--format", "json");

    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.json().get("findings")).singleElement().satisfies(f -> {
      assertThat(f.get("ruleId").asText()).isEqualTo("SG001");
      assertThat(f.get("severity").asText()).isEqualTo("critical");
      assertThat(f.get("resource").asText()).isEqualTo("aws_vpc_security_group_ingress_rule.poc_all");
    });
  }
}
