package io.deployguard.cli;

import static io.deployguard.testing.MotoEc2.tcpFromCidr;
import static org.assertj.core.api.Assertions.assertThat;

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
}
