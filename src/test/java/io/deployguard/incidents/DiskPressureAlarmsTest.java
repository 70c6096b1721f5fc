package io.deployguard.incidents;

import static io.deployguard.incidents.IncidentFiles.deployguard;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deployguard.incidents.IncidentFiles.Run;
import io.deployguard.testing.CloudWatchStub;
import io.deployguard.testing.MotoServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alarms the first incident lacked, derived from scenario 1's plan: {@code deployguard
 * alarms --plan plan.json --create-missing --apply} against CloudWatch (the CBOR stub; SNS and
 * STS from moto behind it) creates them, and the next run finds nothing missing.
 */
class DiskPressureAlarmsTest {
  private static final String DISK_ALARM = "deployguard-eks-node-disk-orders";
  private static final String GROUP_ALARM = "deployguard-logs-ingestion--aws-containerinsights-orders-application";
  private static final String ACCOUNT_ALARM = "deployguard-logs-ingestion";

  @TempDir Path work;
  private CloudWatchStub cloudWatch;
  private Path scenario;

  @BeforeEach
  void emptyAccount() {
    MotoServer moto = MotoServer.shared();
    moto.reset();
    // deployguard.yml names arn:aws:sns:us-east-1:123456789012:oncall as the action of created alarms.
    moto.clients().sns(MotoServer.REGION).createTopic(c -> c.name("oncall"));
    cloudWatch = CloudWatchStub.start();
    cloudWatch.proxyEverythingElseTo(moto.endpoint());
    cloudWatch.alarms(List.of(), 100);
    scenario = IncidentFiles.copy("disk-pressure", work);
  }

  @AfterEach
  void stop() {
    cloudWatch.close();
  }

  private Run alarms(String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("alarms", "--endpoint-url", cloudWatch.endpoint().toString(),
        "--region", MotoServer.REGION, "--config", scenario.resolve("deployguard.yml").toString(),
        "--plan", scenario.resolve("plan.json").toString(), "--format", "json"));
    args.addAll(List.of(more));
    return deployguard(args.toArray(String[]::new));
  }

  @Test
  void missingAlarms_areCreatedForThePlansClusterAndLogGroup_andTheNextRunFindsThem() {
    Run first = alarms("--create-missing", "--apply");

    assertThat(first.exit()).as(first.err()).isEqualTo(1);
    assertThat(first.json().get("findings")).extracting(f -> f.get("ruleId").asText() + " " + f.get("resource").asText())
        .containsExactlyInAnyOrder("ALARM001 " + DISK_ALARM, "ALARM001 " + GROUP_ALARM, "ALARM001 " + ACCOUNT_ALARM);
    List<JsonNode> created = cloudWatch.requests("PutMetricAlarm");
    assertThat(created).extracting(n -> n.get("AlarmName").asText())
        .containsExactlyInAnyOrder(DISK_ALARM, GROUP_ALARM, ACCOUNT_ALARM);
    assertThat(created).filteredOn(n -> n.get("AlarmName").asText().equals(DISK_ALARM)).singleElement().satisfies(n -> {
      assertThat(n.get("Namespace").asText()).isEqualTo("ContainerInsights");
      assertThat(n.get("MetricName").asText()).isEqualTo("node_filesystem_utilization");
      assertThat(n.at("/Dimensions/0/Value").asText()).isEqualTo("orders");
    });
    assertThat(created).filteredOn(n -> n.get("AlarmName").asText().equals(GROUP_ALARM)).singleElement()
        .satisfies(n -> assertThat(n.at("/Dimensions/0/Value").asText())
            .isEqualTo("/aws/containerinsights/orders/application"));
    assertThat(created).allSatisfy(n -> assertThat(n.at("/AlarmActions/0").asText())
        .isEqualTo("arn:aws:sns:us-east-1:123456789012:oncall"));

    cloudWatch.describeCreatedAlarms();
    Run second = alarms();

    assertThat(second.exit()).as(second.out() + second.err()).isZero();
    assertThat(second.json().get("findings")).isEmpty();
    assertThat(cloudWatch.requests("PutMetricAlarm")).hasSize(3);
  }

  @Test
  void withoutApply_nothingIsCreated() {
    Run r = alarms("--create-missing");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(cloudWatch.requests("PutMetricAlarm")).isEmpty();
  }
}
