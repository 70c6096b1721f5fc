package io.deployguard.cli;

import static io.deployguard.testing.MotoEc2.allFromCidr;
import static io.deployguard.testing.MotoEc2.tcpFromCidr;
import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.app.Postdeploy;
import io.deployguard.aws.AwsCallRecorder;
import io.deployguard.testing.CloudWatchStub;
import io.deployguard.testing.MotoEc2;
import io.deployguard.testing.MotoServer;
import io.deployguard.testing.PostdeployWiring;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostdeployCommandTest {
  @TempDir Path tmp;
  private CloudWatchStub cw;
  private MotoEc2 env;

  @BeforeEach
  void setUp() {
    MotoServer moto = MotoServer.shared();
    moto.reset();
    env = new MotoEc2(moto.clients().ec2(MotoServer.REGION));
    cw = CloudWatchStub.start();
    cw.proxyEverythingElseTo(moto.endpoint());
  }

  @AfterEach
  void stop() {
    cw.close();
  }

  @Test
  void oneRun_reportsSecurityGroupsAndAlarmsTogether() throws IOException {
    String ssh = env.ingress(env.group("ssh-world"), tcpFromCidr(22, 22, "0.0.0.0/0"));
    cw.alarms(List.of(), 100);
    Path config = tmp.resolve("deployguard.yml");
    Files.writeString(config, """
        version: 1
        remediate:
          regions: [us-east-1]
          vpc_ids: [%s]
        alarms:
          eks_node_disk:
            clusters: [prod]
        """.formatted(env.vpcId()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = Main.run(new String[] {"postdeploy", "--endpoint-url", cw.endpoint().toString(), "--config",
        config.toString()}, new PrintWriter(out), new PrintWriter(err), PostdeployWiring.worldSsh());

    assertThat(code).as(err.toString()).isEqualTo(1);
    assertThat(out.toString()).contains("TEST002 " + ssh).contains("ALARM001 deployguard-eks-node-disk-prod")
        .contains("ALARM001 deployguard-logs-ingestion");
    assertThat(env.listing()).containsKey(ssh);
  }

  /**
   * Dry means dry: every AWS call of a run without {@code --apply} is recorded (the SDK's global
   * interceptor, {@link AwsCallRecorder}), with every option that would change something in an
   * applied run (a topic, alarm creation, rules to revoke); only Describe, Get and List calls may appear.
   */
  @Test
  void postdeployWithoutApply_makesOnlyReadCalls_andSaysWhatItWouldPublishAndCreate() throws IOException {
    String open = env.ingress(env.group("open-all"), allFromCidr("0.0.0.0/0"));
    env.ingress(env.group("bastion", Map.of("deployguard:exempt", "VPN only; until=2999-01-01")),
        tcpFromCidr(22, 22, "0.0.0.0/0"));
    String topic = MotoServer.shared().clients().sns(MotoServer.REGION).createTopic(c -> c.name("secops")).topicArn();
    cw.alarms(List.of(), 100);
    Path config = tmp.resolve("deployguard.yml");
    Files.writeString(config, """
        version: 1
        remediate:
          regions: [us-east-1]
          vpc_ids: [%s]
          notify: %s
        alarms:
          actions: [%s]
          eks_node_disk:
            clusters: [prod]
        """.formatted(env.vpcId(), topic, topic));
    Map<String, String> before = env.listing();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AwsCallRecorder.clear();

    int code = Main.run(new String[] {"postdeploy", "--endpoint-url", cw.endpoint().toString(), "--config",
        config.toString(), "--create-missing", "--audit", tmp.resolve("audit.json").toString()},
        new PrintWriter(out), new PrintWriter(err), Postdeploy.standard());

    assertThat(code).as(out + "" + err).isEqualTo(1);
    assertThat(AwsCallRecorder.calls()).isNotEmpty()
        .allSatisfy(c -> assertThat(c).matches("[a-z0-9]+:(Describe|Get|List)[A-Za-z]+"));
    assertThat(AwsCallRecorder.actions()).contains("ec2:DescribeSecurityGroupRules", "cloudwatch:DescribeAlarms");
    assertThat(env.listing()).isEqualTo(before);
    assertThat(MotoServer.shared().sentMessages()).isEmpty();
    assertThat(cw.requests("PutMetricAlarm")).isEmpty();
    assertThat(out.toString()).contains("would revoke - " + open).contains("nothing published")
        .contains("would create deployguard-eks-node-disk-prod");
  }
}
