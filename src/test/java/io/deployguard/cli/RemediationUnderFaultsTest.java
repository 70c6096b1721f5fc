package io.deployguard.cli;

import static io.deployguard.testing.MotoEc2.allFromCidr;
import static io.deployguard.testing.MotoEc2.tcpFromCidr;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deployguard.app.Postdeploy;
import io.deployguard.aws.AwsCallRecorder;
import io.deployguard.aws.AwsClients;
import io.deployguard.testing.FaultyProxy;
import io.deployguard.testing.MotoEc2;
import io.deployguard.testing.MotoServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection: {@code remediate --apply} through a loopback proxy in front of moto that
 * throttles, answers HTTP 500, and drops connections before and after moto answered, for half of
 * the requests. The SDK's retries (not a loop of deployguard's) must get every call through:
 * every rule that should go is gone, every rule that should stay is there, the audit record says
 * so, and no call makes more attempts than {@link AwsClients#MAX_ATTEMPTS}.
 */
class RemediationUnderFaultsTest {
  @TempDir Path tmp;
  private MotoEc2 env;
  private FaultyProxy proxy;

  @BeforeEach
  void setUp() {
    env = MotoEc2.freshAccount();
    proxy = FaultyProxy.start(MotoServer.shared().endpoint());
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  @Test
  void throttlingServerErrorsAndDroppedConnections_revokeExactlyTheViolations_withinTheAttemptBound()
      throws IOException {
    List<String> revoke = new ArrayList<>();
    List<String> stay = new ArrayList<>();
    for (int g = 0; g < 6; g++) {
      String group = env.group("app-" + g);
      revoke.add(env.ingress(group, g % 2 == 0 ? allFromCidr("0.0.0.0/0") : tcpFromCidr(22, 22, "0.0.0.0/0")));
      stay.add(env.ingress(group, tcpFromCidr(443, 443, "0.0.0.0/0")));
      stay.add(env.ingress(group, tcpFromCidr(22, 22, "10.0.0.0/8")));
    }
    Map<String, String> before = env.listing();
    Path audit = tmp.resolve("audit.json");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AwsCallRecorder.clear();

    int code = Main.run(new String[] {"remediate", "--apply", "--endpoint-url", proxy.endpoint().toString(),
        "--region", MotoServer.REGION, "--vpc-id", env.vpcId(), "--audit", audit.toString()},
        new PrintWriter(out), new PrintWriter(err), Postdeploy.standard());

    assertThat(code).as(out + "" + err).isEqualTo(1);
    Map<String, String> expected = new HashMap<>(before);
    revoke.forEach(expected::remove);
    assertThat(env.listing()).isEqualTo(expected);
    JsonNode root = new ObjectMapper().readTree(audit.toFile());
    Map<String, String> outcomes = new HashMap<>();
    root.at("/runs/0/decisions").forEach(d -> outcomes.put(d.get("rule_id").asText(), d.get("outcome").asText()));
    revoke.forEach(id -> assertThat(outcomes).containsEntry(id, "revoked"));
    stay.forEach(id -> assertThat(outcomes).containsEntry(id, "kept"));
    assertThat(root.get("complete").asBoolean()).isTrue();
    // Every kind of fault happened; no call made more than the configured attempts, and the attempts
    // account for every request the proxy saw (an attempt on a connection the proxy had closed never reaches it).
    assertThat(proxy.counts()).allSatisfy((fault, n) -> assertThat(n).as(fault.name()).isPositive());
    List<Integer> attempts = AwsCallRecorder.attempts();
    assertThat(attempts).hasSize(AwsCallRecorder.calls().size())
        .allSatisfy(n -> assertThat(n).isBetween(1, AwsClients.MAX_ATTEMPTS));
    int sent = attempts.stream().mapToInt(Integer::intValue).sum();
    assertThat(proxy.requests()).isBetween(attempts.size() + 1, sent);
    assertThat(sent).isLessThanOrEqualTo(attempts.size() * AwsClients.MAX_ATTEMPTS);
  }
}
