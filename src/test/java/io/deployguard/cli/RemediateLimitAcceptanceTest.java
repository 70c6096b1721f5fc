package io.deployguard.cli;

import static io.deployguard.testing.MotoEc2.allFromCidr;
import static io.deployguard.testing.MotoEc2.tcpFromCidr;
import static io.deployguard.testing.MotoEc2.tcpFromIpv6;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deployguard.app.Postdeploy;
import io.deployguard.aws.AwsCallRecorder;
import io.deployguard.testing.MotoEc2;
import io.deployguard.testing.MotoServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The post-deploy "done when" of a new user, through the command line with the standard rules
 * (SG001-SG010) on a fresh moto account: violations of every severity in several groups, an
 * exempt group, an expired exemption, a waived rule, and a limit below the number of
 * violations. A dry run changes and publishes nothing; {@code --apply} revokes exactly the worst
 * rules up to the limit and reports the rest; a second run with a higher limit finishes the job.
 */
class RemediateLimitAcceptanceTest {
  @TempDir Path tmp;
  private MotoServer moto;
  private MotoEc2 env;
  private String topic;
  private Path config;
  private Path audit;

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void freshAccount() {
    env = MotoEc2.freshAccount();
    moto = MotoServer.shared();
    topic = moto.clients().sns(MotoServer.REGION).createTopic(c -> c.name("secops")).topicArn();
    audit = tmp.resolve("audit.json");
  }

  private Run run(String... args) {
    List<String> all = new ArrayList<>(List.of(args[0], "--endpoint-url", moto.endpoint().toString(),
        "--region", MotoServer.REGION, "--vpc-id", env.vpcId(), "--config", config.toString(),
        "--audit", audit.toString(), "--notify", topic));
    all.addAll(List.of(args).subList(1, args.length));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), Postdeploy.standard());
    return new Run(code, out.toString(), err.toString());
  }

  private Map<String, String> outcomes() throws IOException {
    JsonNode root = new ObjectMapper().readTree(audit.toFile());
    Map<String, String> m = new HashMap<>();
    for (JsonNode d : root.get("runs").get(0).get("decisions")) {
      m.put(d.get("rule_id").asText(), d.get("outcome").asText());
    }
    return m;
  }

  @Test
  void dryRunThenALimitBelowTheViolationsThenAHigherLimit_revokesTheWorstFirstAndFinishesTheJob() throws IOException {
    String all = env.ingress(env.group("poc-all"), allFromCidr("0.0.0.0/0"));
    String admin = env.group("admin");
    String ssh = env.ingress(admin, tcpFromCidr(22, 22, "0.0.0.0/0"));
    String rdp6 = env.ingress(admin, tcpFromIpv6(3389, 3389, "::/0"));
    String db = env.group("db");
    String postgres = env.ingress(db, tcpFromCidr(5432, 5432, "0.0.0.0/0"));
    String redis = env.ingress(db, tcpFromCidr(6379, 6379, "0.0.0.0/0"));
    String mongo = env.ingress(env.group("old-poc", Map.of("deployguard:exempt", "demo; until=2020-01-31")),
        tcpFromCidr(27017, 27017, "0.0.0.0/0"));
    String web = env.group("web");
    String https = env.ingress(web, tcpFromCidr(443, 443, "0.0.0.0/0"));
    String alt = env.ingress(web, tcpFromCidr(8443, 8443, "0.0.0.0/0"));
    String bastion = env.ingress(env.group("bastion", Map.of("deployguard:exempt", "office VPN; until=2999-12-31")),
        tcpFromCidr(22, 22, "0.0.0.0/0"));
    String mysql = env.ingress(env.group("legacy"), tcpFromCidr(3306, 3306, "0.0.0.0/0"));
    config = tmp.resolve("deployguard.yml");
    Files.writeString(config, """
        version: 1
        waivers:
          - rule: SG003
            resource: %s
            reason: legacy database behind its own firewall
            expires: 2999-01-01
        """.formatted(mysql));
    List<String> high = Stream.of(postgres, redis, mongo).sorted().toList();
    Map<String, String> before = env.listing();

    AwsCallRecorder.clear();
    Run dry = run("remediate", "--max-revocations", "3");

    assertThat(dry.exit()).as(dry.out() + dry.err()).isEqualTo(1);
    assertThat(env.listing()).isEqualTo(before);
    assertThat(moto.sentMessages()).isEmpty();
    assertThat(AwsCallRecorder.calls()).allMatch(c -> c.matches("[a-z0-9]+:(Describe|Get|List)\\w+"));
    assertThat(dry.out()).contains("would revoke - " + all).contains("would revoke - " + ssh)
        .contains("would revoke - " + rdp6).contains("left open by the limit - " + high.get(0))
        .contains("exempt until 2999-12-31: office VPN (tag deployguard:exempt) - " + bastion)
        .contains("waived - " + mysql).contains("REM001").contains("nothing published");

    Path markdown = tmp.resolve("report.md");
    Run first = run("remediate", "--apply", "--max-revocations", "3", "--output", "markdown=" + markdown);

    assertThat(first.exit()).as(first.out() + first.err()).isEqualTo(1);
    assertThat(env.listing()).doesNotContainKeys(all, ssh, rdp6)
        .containsKeys(postgres, redis, mongo, https, alt, bastion, mysql);
    assertThat(outcomes()).containsEntry(all, "revoked").containsEntry(ssh, "revoked").containsEntry(rdp6, "revoked")
        .containsEntry(postgres, "left-open-by-limit").containsEntry(redis, "left-open-by-limit")
        .containsEntry(mongo, "left-open-by-limit").containsEntry(bastion, "exempt").containsEntry(mysql, "waived")
        .containsEntry(alt, "kept").containsEntry(https, "kept");
    assertThat(first.out()).contains("limit reached: --max-revocations 3 left 3 violating rules open; the worst left open: "
        + high.get(0)).contains("CRITICAL REM002");
    // The markdown report lists each rule's outcome as a list item, with its group's name and id.
    assertThat(Files.readString(markdown)).contains("\n- revoked - " + all + " in group poc-all (sg")
        .contains("\n- left open by the limit - " + high.get(0)).contains("\n\nlimit reached: --max-revocations 3");
    assertThat(moto.sentMessages()).hasSize(1);
    JsonNode body = new ObjectMapper().readTree(moto.sentMessages().get(0).body());
    // The exempt rule is named once, in its own list; the waived one not at all.
    assertThat(body.at("/runs/0/exempt").findValuesAsText("rule_id")).contains(bastion);
    assertThat(body.at("/runs/0/violations").findValuesAsText("rule_id")).containsExactlyInAnyOrder(all, ssh, rdp6,
        postgres, redis, mongo);
    assertThat(moto.sentMessages().get(0).body().split(bastion, -1)).hasSize(2);
    assertThat(moto.sentMessages().get(0).body()).doesNotContain(mysql);

    Run second = run("remediate", "--apply", "--max-revocations", "10");

    Map<String, String> expected = new HashMap<>(before);
    Stream.of(all, ssh, rdp6, postgres, redis, mongo).forEach(expected::remove);
    assertThat(env.listing()).isEqualTo(expected);
    assertThat(outcomes()).containsEntry(postgres, "revoked").containsEntry(redis, "revoked")
        .containsEntry(mongo, "revoked").containsEntry(bastion, "exempt").containsEntry(mysql, "waived");
    assertThat(second.out()).doesNotContain("limit reached");
    // The revoked rules' findings still fail the run: the pipeline should know they were open.
    assertThat(second.exit()).as(second.out() + second.err()).isEqualTo(1);
  }
}
