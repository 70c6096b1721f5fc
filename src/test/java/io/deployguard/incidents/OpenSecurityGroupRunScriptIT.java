package io.deployguard.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.app.Version;
import io.deployguard.testing.RealComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/incidents/open-security-group/run.sh as docs/incidents.md prints it: its own moto
 * server, the Lambda handler run from the {@code lambda} jar alone in a fresh JVM, the group before and after, the SNS message. A
 * failsafe test: it needs the jar {@code package} builds.
 */
class OpenSecurityGroupRunScriptIT {
  private static final Path JAR = Path.of(System.getProperty("deployguard.lambdaJar",
      "target/deployguard-" + Version.get() + "-lambda.jar"));

  @TempDir Path work;

  @Test
  void runScript_revokesTheOpenRuleKeepsTheRestrictedOne_andPrintsTheSnsMessage() throws Exception {
    RealComponent.require("moto_server", RealComponent.onPath("moto_server"), "pip install 'moto[server]'");
    assertThat(JAR).as("the lambda jar 'mvn package' builds").exists();
    Path scenario = IncidentFiles.copy("open-security-group", work);

    String out = IncidentFiles.runScript(scenario.resolve("run.sh"),
        Map.of("DEPLOYGUARD_JAR", JAR.toAbsolutePath().toString()), 3);

    String before = section(out, "== the PoC opens the group to the internet", "== the CloudTrail event");
    String after = section(out, "== the group afterwards", "== the SNS message");
    assertThat(before).contains("ingress  all  all      0.0.0.0/0", "ingress  tcp  443-443  10.0.0.0/8");
    assertThat(after).doesNotContain("ingress  all").contains("ingress  tcp  443-443  10.0.0.0/8");
    assertThat(section(out, "== the CloudTrail event", "== the group afterwards"))
        .contains("\"outcome\":\"revoked\"", "\"status\":\"ok\"");
    assertThat(section(out, "== the SNS message", null)).contains(
        "\"principal\": \"arn:aws:sts::123456789012:assumed-role/poc-developer/jdoe\"",
        "\"rule_arn\": \"arn:aws:ec2:us-east-1:123456789012:security-group-rule/sgr-", "\"rule\": \"SG001\"");
    assertThat(Files.list(scenario).map(p -> p.getFileName().toString())).as("run.sh cleans up after itself")
        .containsExactlyInAnyOrder("event.json", "plan.json", "run.sh", "moto_account.py", "InvokeHandler.java");
  }

  private static String section(String out, String from, String to) {
    int start = out.indexOf(from);
    assertThat(start).as(from + " in:\n" + out).isNotNegative();
    int end = to == null ? out.length() : out.indexOf(to, start);
    assertThat(end).as(to + " in:\n" + out).isGreaterThan(start);
    return out.substring(start, end);
  }
}
