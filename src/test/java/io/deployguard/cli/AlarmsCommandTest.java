package io.deployguard.cli;

import static io.deployguard.testing.CloudWatchStub.metricAlarm;
import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.testing.CloudWatchStub;
import io.deployguard.testing.MotoServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlarmsCommandTest {
  @TempDir Path tmp;
  private CloudWatchStub cw;
  private String topic;
  private Path config;

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void setUp() throws IOException {
    MotoServer moto = MotoServer.shared();
    moto.reset();
    topic = moto.clients().sns(MotoServer.REGION).createTopic(c -> c.name("oncall")).topicArn();
    cw = CloudWatchStub.start();
    cw.proxyEverythingElseTo(moto.endpoint());
    config = tmp.resolve("deployguard.yml");
    Files.writeString(config, """
        version: 1
        alarms:
          insufficient_data_max: 12h
          actions: [%s]
          eks_node_disk:
            clusters: [prod]
          logs_ingestion:
            enabled: false
        """.formatted(topic));
  }

  @AfterEach
  void stop() {
    cw.close();
  }

  private Run run(String... args) {
    List<String> all = new ArrayList<>(List.of(args[0], "--endpoint-url", cw.endpoint().toString(),
        "--region", MotoServer.REGION, "--config", config.toString()));
    all.addAll(List.of(args).subList(1, args.length));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void doneWhen_missingDiskAlarmIsReported() {
    cw.alarms(List.of(metricAlarm("cpu", "AWS/EC2", "CPUUtilization", Map.of(), "Average", "GreaterThanThreshold", 90,
        List.of(topic))), 100);

    Run r = run("alarms", "--format", "json");

    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    com.fasterxml.jackson.databind.JsonNode findings;
    try {
      findings = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out()).get("findings");
    } catch (java.io.IOException e) {
      throw new AssertionError(r.out(), e);
    }
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.get("ruleId").asText()).isEqualTo("ALARM001");
      assertThat(f.get("severity").asText()).isEqualTo("high");
      assertThat(f.get("resource").asText()).isEqualTo("deployguard-eks-node-disk-prod");
      assertThat(f.get("message").asText()).contains("ContainerInsights/node_filesystem_utilization");
    });
    assertThat(cw.requests("PutMetricAlarm")).isEmpty();
  }

  @Test
  void presentTightAlarm_passes() {
    cw.alarms(List.of(metricAlarm("prod-disk", "ContainerInsights", "node_filesystem_utilization",
        Map.of("ClusterName", "prod"), "Maximum", "GreaterThanOrEqualToThreshold", 80, List.of(topic))), 100);

    Run r = run("alarms");

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
  }

  @Test
  void createMissingWithApply_createsTheAlarmFromTheTemplate() {
    cw.alarms(List.of(), 100);

    Run r = run("alarms", "--create-missing", "--apply", "--cluster", "staging");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(cw.requests("PutMetricAlarm")).extracting(n -> n.get("AlarmName").asText())
        .containsExactlyInAnyOrder("deployguard-eks-node-disk-prod", "deployguard-eks-node-disk-staging");
    assertThat(cw.requests("PutMetricAlarm").get(0).get("AlarmActions").get(0).asText()).isEqualTo(topic);
  }

  @Test
  void alarmsDerivedFromThePlan_areRequiredAndCreatedOnTopOfTheConfiguredOnes() throws IOException {
    cw.alarms(List.of(), 100);
    String plan = Path.of("src/test/resources/plans/logs-and-eks.json").toAbsolutePath().toString();

    Run r = run("alarms", "--plan", plan, "--format", "json", "--create-missing", "--apply");

    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    // Cluster prod is configured already; every log group the plan creates gets an ingestion alarm.
    assertThat(cw.requests("PutMetricAlarm")).extracting(n -> n.get("AlarmName").asText())
        .containsExactlyInAnyOrder("deployguard-eks-node-disk-prod", "deployguard-logs-ingestion--app-never_expires",
            "deployguard-logs-ingestion--app-no_retention", "deployguard-logs-ingestion--app-thirty_days",
            "deployguard-logs-ingestion--app-computed");
    assertThat(cw.requests("PutMetricAlarm")).filteredOn(n -> n.get("MetricName").asText().equals("IncomingBytes"))
        .allSatisfy(n -> assertThat(n.get("Namespace").asText()).isEqualTo("AWS/Logs"));
  }

  @Test
  void applyWithoutCreateMissing_isAUsageError() {
    Run r = run("alarms", "--apply");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--create-missing");
  }

  @Test
  void unknownKeyInTheAlarmsSection_isAConfigurationError() throws IOException {
    Files.writeString(config, "version: 1\nalarms:\n  eks_node_disk:\n    clusterz: [prod]\n");

    Run r = run("alarms");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("clusterz");
  }

  @Test
  void writeBaseline_recordsTheMissingAlarm_andTheNextRunWithThatBaselinePasses() throws IOException {
    cw.alarms(List.of(), 100);
    Path baseline = tmp.resolve("alarms-baseline.json");

    Run first = run("alarms", "--write-baseline", baseline.toString());
    Run second = run("alarms", "--baseline", baseline.toString());

    assertThat(first.exit()).as(first.err()).isEqualTo(1);
    assertThat(Files.readString(baseline)).contains("fingerprint");
    assertThat(second.exit()).as(second.out() + second.err()).isZero();
    assertThat(second.out()).contains("ALARM001");
  }

  @Test
  void creationDeniedAfterTheAlarmsWereJudged_isAnErrorOfTheRun_andTheMissingAlarmIsStillReported() {
    cw.alarms(List.of(), 100);
    cw.fail("PutMetricAlarm", 403, "AccessDenied", "not authorized to perform cloudwatch:PutMetricAlarm");

    Run r = run("alarms", "--create-missing", "--apply");

    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
    assertThat(r.out()).contains("ALARM001", "deployguard-eks-node-disk-prod");
    assertThat(r.err()).contains("cloudwatch://" + MotoServer.REGION).contains("PutMetricAlarm");
  }
}
