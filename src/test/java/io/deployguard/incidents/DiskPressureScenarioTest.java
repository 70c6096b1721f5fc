package io.deployguard.incidents;

import static io.deployguard.incidents.IncidentFiles.deployguard;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deployguard.incidents.IncidentFiles.Run;
import io.deployguard.testing.PodmanService;
import io.deployguard.testing.RealComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 1 as docs/incidents.md walks through it: each variant's build-images.sh builds its
 * image with podman (into a private store), then {@code deployguard predeploy} reads the
 * variant's deployguard.yml. The broken image is about 1.1 GiB, so building it takes about a
 * minute; both builds happen once for the class.
 */
class DiskPressureScenarioTest {
  @TempDir static Path work;
  private static Path broken;
  private static Path fixed;

  @BeforeAll
  static void buildTheImages() throws Exception {
    RealComponent.require("podman", PodmanService.available(), PodmanService.HOW);
    Map<String, String> env = Map.of("DEPLOYGUARD_PODMAN_FLAGS",
        String.join(" ", PodmanService.storageFlags(work.resolve("podman"))));
    broken = IncidentFiles.copy("disk-pressure", work.resolve("incidents"));
    fixed = IncidentFiles.copy("disk-pressure-fixed", work.resolve("incidents"));
    IncidentFiles.runScript(broken.resolve("build-images.sh"), env, 5);
    IncidentFiles.runScript(fixed.resolve("build-images.sh"), env, 5);
  }

  private static Run predeploy(Path scenario) {
    return deployguard("predeploy", "--config", scenario.resolve("deployguard.yml").toString(), "--format", "json");
  }

  @Test
  void brokenVariant_failsWithEveryFindingThatWouldHavePreventedTheIncident() {
    Run r = predeploy(broken);

    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.ruleIds()).contains("DF001", "IMG001", "IMG003", "EKS001", "LOG001");
    assertThat(r.json().at("/summary/errors").asInt()).isZero();
    assertThat(r.finding("EKS001").get("message").asText()).contains(
        "20.0 GiB disk (disk_size) x 85% image GC threshold - 15.0 GiB system reserve = 2.0 GiB for images;"
            + " needed 2.2 GiB = 2 x 1.1 GiB (docker-archive:images/app.tar");
    assertThat(r.finding("EKS001").get("resource").asText()).isEqualTo("aws_eks_node_group.default");
    assertThat(r.finding("IMG001").get("message").asText()).startsWith("image is 1.1 GiB, over the 1.0 GiB limit");
    assertThat(r.finding("LOG001").get("resource").asText()).isEqualTo("aws_cloudwatch_log_group.orders_application");
    assertThat(r.json().get("findings")).filteredOn(f -> f.get("ruleId").asText().equals("IMG003"))
        .extracting(f -> f.at("/details/path").asText())
        .contains("/opt/java/openjdk", "/root/.m2", "/usr/share/maven", "/usr/lib/gcc/x86_64-linux-gnu/12/cc1");
    assertThat(r.finding("DF001").at("/location/input").asText()).endsWith("disk-pressure/Dockerfile");
  }

  @Test
  void brokenVariant_pricesTheLogsOfTheEvictionLoop() {
    JsonNode note = predeploy(broken).json().get("notes").get(0);

    assertThat(note.get("title").asText()).isEqualTo("CloudWatch Logs cost estimate");
    assertThat(note.get("text").asText()).contains("ingestion $24,320/month ($800/day)",
        "never expire (aws_cloudwatch_log_group.orders_application)");
  }

  @Test
  void everyFinding_isListedUnderTheInputItCameFrom() {
    JsonNode json = predeploy(broken).json();
    List<String> inputs = new ArrayList<>();
    json.get("inputs").forEach(i -> inputs.add(i.asText()));

    assertThat(inputs).hasSize(3);
    assertThat(json.get("findings")).allSatisfy(f -> assertThat(inputs).contains(f.at("/location/input").asText()));
  }

  @Test
  void fixedVariant_onTheSameNodeGroup_passesWithoutAFinding() {
    Run r = predeploy(fixed);

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.json().get("findings")).isEmpty();
    assertThat(r.json().at("/summary/errors").asInt()).isZero();
    assertThat(r.json().get("inputs")).hasSize(3);
    assertThat(r.json().get("notes").get(0).get("text").asText()).contains("With 30-day retention, storage levels off");
  }

  @Test
  void theImagesAreWhatTheScriptsBuilt() throws Exception {
    assertThat(Files.size(broken.resolve("images/app.tar"))).isGreaterThan(1L << 30);
    assertThat(Files.size(fixed.resolve("images/app.tar"))).isLessThan(300L << 20);
  }
}
