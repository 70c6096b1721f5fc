package io.deployguard.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.deployguard.testing.MotoEc2.allFromCidr;
import static io.deployguard.testing.MotoEc2.tcpFromCidr;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.deployguard.network.SecurityGroupRule;
import io.deployguard.policy.Severity;
import io.deployguard.testing.MotoEc2;
import io.deployguard.testing.MotoServer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Faults between deployguard and EC2: WireMock sits in front of moto, passes everything through,
 * and breaks chosen calls. Every case must end in a clear outcome per rule, with nothing revoked
 * that should stay.
 */
class RemediatorFaultTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
  private final AwsScope scope = new AwsScope(MotoServer.REGION, MotoServer.ACCOUNT);
  private WireMockServer proxy;
  private MotoEc2 env;
  private Ec2Client direct;
  private Ec2Client viaProxy;

  @BeforeEach
  void start() {
    MotoServer moto = MotoServer.shared();
    moto.reset();
    direct = moto.clients().ec2(MotoServer.REGION);
    env = new MotoEc2(direct);
    proxy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    proxy.start();
    proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
    viaProxy = new AwsClients(null, java.net.URI.create("http://127.0.0.1:" + proxy.port()), AwsClients.MAX_ATTEMPTS,
        List.of())
        .ec2(MotoServer.REGION);
  }

  @AfterEach
  void stop() {
    proxy.stop();
  }

  private RemediationReport remediate() {
    List<SecurityGroupRule> rules = new LiveSecurityGroups(viaProxy, scope)
        .read(new LiveSecurityGroups.Selection(List.of(), List.of(env.vpcId()), Map.of()));
    return Remediations.run(viaProxy, scope, rules, true, 10, TODAY);
  }

  private static MappingBuilder revoke(String... alsoContaining) {
    MappingBuilder m = post(urlEqualTo("/")).atPriority(1)
        .withRequestBody(containing("Action=RevokeSecurityGroupIngress"));
    for (String s : alsoContaining) {
      m = m.withRequestBody(containing(s));
    }
    return m;
  }

  private static String ec2Error(String code, String message) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>" + code + "</Code><Message>"
        + message + "</Message></Error></Errors><RequestID>req-1</RequestID></Response>";
  }

  private static Map<String, Decision.Outcome> outcomes(RemediationReport r) {
    Map<String, Decision.Outcome> m = new HashMap<>();
    r.decisions().forEach(d -> m.put(d.ruleId(), d.outcome()));
    return m;
  }

  @Test
  void dryRunRefused_namesTheMissingActionAndRevokesNothing() {
    String ssh = env.ingress(env.group("ssh"), tcpFromCidr(22, 22, "0.0.0.0/0"));
    proxy.stubFor(revoke("DryRun=true").willReturn(aResponse().withStatus(403)
        .withBody(ec2Error("UnauthorizedOperation", "You are not authorized to perform this operation."))));
    Map<String, String> before = env.listing();

    RemediationReport r = remediate();

    assertThat(env.listing()).isEqualTo(before);
    assertThat(r.error()).contains("ec2:RevokeSecurityGroupIngress").contains("UnauthorizedOperation");
    assertThat(outcomes(r)).containsEntry(ssh, Decision.Outcome.FAILED);
    proxy.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=RevokeSecurityGroupIngress")));
  }

  @Test
  void dryRunWithExpiredCredentials_asksForNewCredentials_notForAnIamGrant() {
    env.ingress(env.group("ssh"), tcpFromCidr(22, 22, "0.0.0.0/0"));
    proxy.stubFor(revoke("DryRun=true").willReturn(aResponse().withStatus(401)
        .withBody(ec2Error("AuthFailure", "AWS was not able to validate the provided access credentials"))));
    Map<String, String> before = env.listing();

    RemediationReport r = remediate();

    assertThat(env.listing()).isEqualTo(before);
    assertThat(r.error()).startsWith("permission check of ec2:RevokeSecurityGroupIngress failed: the credentials"
        + " were not accepted: AuthFailure").contains("renew them").doesNotContain("grant");
  }

  @Test
  void endpointIgnoringDryRun_stopsTheRun() {
    env.ingress(env.group("ssh"), tcpFromCidr(22, 22, "0.0.0.0/0"));
    proxy.stubFor(revoke("DryRun=true").willReturn(aResponse().withStatus(200).withBody(
        "<RevokeSecurityGroupIngressResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId>"
            + "<return>true</return></RevokeSecurityGroupIngressResponse>")));

    RemediationReport r = remediate();

    assertThat(r.error()).contains("instead of answering DryRunOperation");
    assertThat(r.count(Decision.Outcome.REVOKED)).isZero();
    // The rule is read back and recorded as it is, not as "not attempted".
    assertThat(r.decisions()).filteredOn(d -> d.direction().equals("ingress")).singleElement()
        .satisfies(d -> assertThat(d.reason()).contains("DryRun permission check was not honoured")
            .contains("still in place"));
    assertThat(r.calls()).extracting(RemediationReport.Call::action)
        .containsExactly(Remediator.REVOKE_ACTION, "ec2:DescribeSecurityGroupRules");
  }

  @Test
  void throttling_isRetriedByTheSdkUntilItPasses_withinItsAttempts() {
    String ssh = env.ingress(env.group("ssh"), tcpFromCidr(22, 22, "0.0.0.0/0"));
    String body = ec2Error("RequestLimitExceeded", "Request limit exceeded.");
    // Two throttled answers: the SDK's third attempt passes. No loop of deployguard's own adds attempts.
    String[] states = {Scenario.STARTED, "t1", "t2"};
    for (int i = 0; i < 2; i++) {
      proxy.stubFor(revoke("SecurityGroupRuleId").withRequestBody(com.github.tomakehurst.wiremock.client.WireMock
              .notContaining("DryRun")).inScenario("throttle").whenScenarioStateIs(states[i])
          .willReturn(aResponse().withStatus(503).withBody(body)).willSetStateTo(states[i + 1]));
    }

    RemediationReport r = remediate();

    assertThat(outcomes(r)).containsEntry(ssh, Decision.Outcome.REVOKED);
    assertThat(env.listing()).doesNotContainKey(ssh);
    proxy.verify(AwsClients.MAX_ATTEMPTS, postRequestedFor(urlEqualTo("/"))
        .withRequestBody(containing("Action=RevokeSecurityGroupIngress"))
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("DryRun")));
  }

  @Test
  void throttlingForever_stopsAfterTheSdksAttempts_andLeavesTheRuleRecordedAsStillThere() {
    String ssh = env.ingress(env.group("ssh"), tcpFromCidr(22, 22, "0.0.0.0/0"));
    proxy.stubFor(revoke("SecurityGroupRuleId").withRequestBody(com.github.tomakehurst.wiremock.client.WireMock
        .notContaining("DryRun")).willReturn(aResponse().withStatus(503)
        .withBody(ec2Error("RequestLimitExceeded", "Request limit exceeded."))));

    RemediationReport r = remediate();

    assertThat(outcomes(r)).containsEntry(ssh, Decision.Outcome.FAILED);
    assertThat(r.decisions()).filteredOn(d -> d.ruleId().equals(ssh)).first()
        .satisfies(d -> assertThat(d.reason()).contains("RequestLimitExceeded").contains("still in place"));
    proxy.verify(AwsClients.MAX_ATTEMPTS, postRequestedFor(urlEqualTo("/"))
        .withRequestBody(containing("Action=RevokeSecurityGroupIngress"))
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("DryRun")));
    assertThat(r.calls()).extracting(RemediationReport.Call::action)
        .containsExactly(Remediator.REVOKE_ACTION, Remediator.REVOKE_ACTION, "ec2:DescribeSecurityGroupRules");
  }

  @Test
  void revokeFailingHalfway_revokesTheFirstGroupAndKeepsTheSecondRecordedAsFailed() {
    String a = env.group("a");
    String b = env.group("b");
    String first = a.compareTo(b) < 0 ? a : b;
    String second = first.equals(a) ? b : a;
    String inFirst = env.ingress(first, allFromCidr("0.0.0.0/0"));
    String inSecond = env.ingress(second, tcpFromCidr(22, 22, "0.0.0.0/0"));
    String safe = env.ingress(second, tcpFromCidr(443, 443, "0.0.0.0/0"));
    proxy.stubFor(revoke("GroupId=" + second).withRequestBody(
            com.github.tomakehurst.wiremock.client.WireMock.notContaining("DryRun"))
        .willReturn(aResponse().withStatus(500).withBody(ec2Error("InternalError", "An internal error has occurred"))));

    RemediationReport r = remediate();

    assertThat(outcomes(r)).containsEntry(inFirst, Decision.Outcome.REVOKED)
        .containsEntry(inSecond, Decision.Outcome.FAILED).containsEntry(safe, Decision.Outcome.KEPT);
    assertThat(env.listing()).doesNotContainKey(inFirst).containsKeys(inSecond, safe);
    assertThat(r.decisions()).filteredOn(d -> d.ruleId().equals(inSecond)).first()
        .satisfies(d -> assertThat(d.reason()).contains("InternalError").contains("still in place"));
  }

  @Test
  void malformedAnswerToARevoke_isCheckedAgainstWhatIsReallyThere() {
    String ssh = env.ingress(env.group("ssh"), tcpFromCidr(22, 22, "0.0.0.0/0"));
    proxy.stubFor(revoke("SecurityGroupRuleId").withRequestBody(
            com.github.tomakehurst.wiremock.client.WireMock.notContaining("DryRun"))
        .willReturn(aResponse().withStatus(200).withBody("<not-xml")));

    RemediationReport r = remediate();

    assertThat(outcomes(r)).containsEntry(ssh, Decision.Outcome.FAILED);
    assertThat(env.listing()).containsKey(ssh);
  }

  @Test
  void ruleRemovedBysomeoneElse_isRecordedAsAlreadyGoneAndTheRestIsRevoked() {
    String g = env.group("web");
    String gone = env.ingress(g, allFromCidr("0.0.0.0/0"));
    String stays = env.ingress(g, tcpFromCidr(22, 22, "0.0.0.0/0"));
    List<SecurityGroupRule> rules = new LiveSecurityGroups(direct, scope)
        .read(new LiveSecurityGroups.Selection(List.of(g), List.of(), Map.of()));
    direct.revokeSecurityGroupIngress(x -> x.groupId(g).securityGroupRuleIds(gone));

    RemediationReport r = Remediations.run(direct, scope, rules, true, 10, TODAY);

    assertThat(outcomes(r)).containsEntry(gone, Decision.Outcome.ALREADY_GONE).containsEntry(stays, Decision.Outcome.REVOKED);
    assertThat(env.listing()).doesNotContainKeys(gone, stays);
  }
}
