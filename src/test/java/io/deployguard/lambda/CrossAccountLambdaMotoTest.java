package io.deployguard.lambda;

import static io.deployguard.testing.MotoEc2.allFromCidr;
import static io.deployguard.testing.MotoEc2.tcpFromCidr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.deployguard.app.ConfigLoader;
import io.deployguard.aws.AwsCallRecorder;
import io.deployguard.aws.AwsClients;
import io.deployguard.aws.SecurityGroupPolicy;
import io.deployguard.network.NetworkSettings;
import io.deployguard.policy.InputException;
import io.deployguard.policy.Severity;
import io.deployguard.testing.DedicatedMoto;
import io.deployguard.testing.MotoEc2;
import io.deployguard.testing.MotoOrganization;
import io.deployguard.testing.MotoServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Lambda in a central security account, acting on an event a member account forwarded: it
 * assumes the member role in the event's account, revokes there and nothing in its own account,
 * and notifies the one topic in its own account. Its own credentials carry {@code
 * examples/lambda/organization/central-lambda-policy.json}, the member role {@code
 * member-role-policy.json}, and moto's IAM authentication is on while the handler runs.
 */
class CrossAccountLambdaMotoTest {
  @RegisterExtension static final DedicatedMoto MOTO = new DedicatedMoto();


  /** An AuthorizeSecurityGroupIngress event that member account {@code member} forwarded. */
  private static byte[] event(String member, String group, String open, String https) throws IOException {
    try (InputStream in = SecurityGroupEventHandler.class.getResourceAsStream("authorize-ingress.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@GROUP@", group).replace("@OPEN@", open)
          .replace("@HTTPS@", https).replace("123456789012", member).getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The central account's handler, signed as the runner, assuming the member role; {@code topic} may be null. */
  private static SecurityGroupEventHandler centralHandler(MotoServer moto, MotoOrganization org, String topic) {
    AwsClients own = moto.clients().withCredentials(org.runner());
    return SecurityGroupEventHandler.acrossAccounts(
        new SecurityGroupEventHandler.Settings(ConfigLoader.defaults(), topic, 10, false, Severity.HIGH),
        MemberAccounts.assuming(own, MotoOrganization.ROLE, null), own::sns,
        SecurityGroupPolicy.standard(NetworkSettings.DEFAULT));
  }

  @Test
  void anEventFromAMemberAccount_isRemediatedInThatAccount_notInTheCentralOne() throws IOException {
    MotoServer moto = MOTO.server();
    moto.iamAuthentication(false);
    moto.reset();
    MotoOrganization org = MotoOrganization.create(moto, List.of("payments"), Set.of(), "central-lambda-policy.json");
    String member = org.member("payments").id();
    MotoEc2 there = new MotoEc2(org.in(member).ec2(MotoServer.REGION));
    String group = there.group("poc");
    String open = there.ingress(group, allFromCidr("0.0.0.0/0"));
    String https = there.ingress(group, tcpFromCidr(443, 443, "0.0.0.0/0"));
    MotoEc2 central = new MotoEc2(moto.clients().ec2(MotoServer.REGION));
    central.ingress(central.group("poc"), allFromCidr("0.0.0.0/0"));
    String topic = moto.clients().sns(MotoServer.REGION).createTopic(c -> c.name("deployguard-security")).topicArn();
    Map<String, String> centralBefore = central.listing();
    Map<String, String> memberBefore = there.listing();
    byte[] event = event(member, group, open, https);
    SecurityGroupEventHandler handler = centralHandler(moto, org, topic);
    AwsCallRecorder.clear();

    moto.iamAuthentication(true);
    Map<String, Object> result;
    try {
      result = handler.handle(event, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    } finally {
      moto.iamAuthentication(false);
    }

    assertThat(result).containsEntry("status", "ok").containsEntry("revoked", 1L);
    Map<String, String> memberAfter = new HashMap<>(memberBefore);
    memberAfter.remove(open);
    assertThat(there.listing()).isEqualTo(memberAfter);
    assertThat(central.listing()).isEqualTo(centralBefore);
    assertThat(moto.sentMessages()).singleElement().satisfies(m -> {
      assertThat(m.topicArn()).isEqualTo(topic);
      assertThat(m.body()).contains(open).contains(member);
    });
    assertThat(AwsCallRecorder.calls()).contains("sts:AssumeRole", "ec2:RevokeSecurityGroupIngress", "sns:Publish");
  }

  @Test
  void aRefusedAssumeRole_failsTheInvocationWithOneLoggedErrorLine_andRevokesNothing() throws IOException {
    MotoServer moto = MOTO.server();
    moto.iamAuthentication(false);
    moto.reset();
    MotoOrganization org = MotoOrganization.create(moto, List.of("payments"), Set.of("payments"),
        "central-lambda-policy.json");
    String member = org.member("payments").id();
    MotoEc2 there = new MotoEc2(org.in(member).ec2(MotoServer.REGION));
    String group = there.group("poc");
    String open = there.ingress(group, allFromCidr("0.0.0.0/0"));
    Map<String, String> before = there.listing();
    byte[] event = event(member, group, open, open);
    SecurityGroupEventHandler handler = centralHandler(moto, org, null);
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    moto.iamAuthentication(true);
    try {
      assertThatThrownBy(() -> handler.handle(event, new PrintStream(log, true, StandardCharsets.UTF_8)))
          .isInstanceOf(InputException.class)
          .hasMessageStartingWith("aws://" + MotoServer.REGION + "/" + member)
          .hasMessageContaining("AccessDenied")
          .hasMessageContaining("central-lambda-policy.json");
    } finally {
      moto.iamAuthentication(false);
    }

    List<String> lines = log.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).singleElement().satisfies(l -> {
      JsonNode n = new ObjectMapper().readTree(l);
      assertThat(n.get("event").asText()).isEqualTo("deployguard.error");
      assertThat(n.get("error").asText()).contains("AccessDenied").doesNotContain("\n");
    });
    assertThat(there.listing()).isEqualTo(before);
  }
}
