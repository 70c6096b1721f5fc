package io.deployguard.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.policy.ByteSize;
import io.deployguard.policy.Finding;
import io.deployguard.policy.Location;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvictionRiskRuleTest {
  private final EvictionRiskRule rule = new EvictionRiskRule();

  private static NodeDisk node(String address, long gib) {
    return new NodeDisk(address, ByteSize.ofGiB(gib), "disk_size", Location.pointer("plan.json", address));
  }

  private static ImageFootprint image(String ref, long mib) {
    return new ImageFootprint(ref, ByteSize.ofMiB(mib));
  }

  @Test
  void largestImageThatCannotFitTwiceUnderTheGcThreshold_isReportedWithTheArithmetic() {
    // 20 GiB x 85% - 5 GiB = 12 GiB for images; a 7 GiB image needs 14 GiB during a rollout.
    List<Finding> findings = rule.check(
        new EvictionRiskRule.Input(List.of(node("aws_eks_node_group.apps", 20)), List.of(image("app:1", 7 * 1024))),
        EksSettings.DEFAULT);

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("EKS001");
      assertThat(f.resource()).isEqualTo("aws_eks_node_group.apps");
      assertThat(f.message()).contains("20.0 GiB disk", "85% image GC threshold", "5.0 GiB system reserve",
          "= 12.0 GiB for images", "needed 14.0 GiB = 2 x 7.0 GiB (app:1");
      assertThat(f.details()).containsEntry("needed", "14.0 GiB").containsEntry("largestImage", "app:1");
    });
  }

  @Test
  void imagesThatFitTwice_areNotReported() {
    List<Finding> findings = rule.check(
        new EvictionRiskRule.Input(List.of(node("aws_eks_node_group.apps", 20)), List.of(image("app:1", 6 * 1024))),
        EksSettings.DEFAULT);

    assertThat(findings).isEmpty();
  }

  @Test
  void otherImagesOnTheGroupCountOnceBesideTheLargestTwice() {
    // 6 GiB x 2 = 12 GiB fits exactly; one more 100 MiB image tips it over.
    List<Finding> findings = rule.check(
        new EvictionRiskRule.Input(List.of(node("aws_eks_node_group.apps", 20)),
            List.of(image("app:1", 6 * 1024), image("sidecar:1", 100))),
        EksSettings.DEFAULT);

    assertThat(findings).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("+ 100.0 MiB for 1 other image(s)"));
  }

  @Test
  void mappingLimitsTheImagesToTheNodeGroupsTheyRunOn() {
    EksSettings mapped = new EksSettings(null, null, Map.of("*.batch", List.of("big:1")));
    List<Finding> findings = rule.check(
        new EvictionRiskRule.Input(
            List.of(node("aws_eks_node_group.apps", 20), node("aws_eks_node_group.batch", 20)),
            List.of(image("big:1", 8 * 1024), image("small:1", 50))),
        mapped);

    assertThat(findings).extracting(Finding::resource).containsExactly("aws_eks_node_group.batch");
  }

  @Test
  void aSmallerReserveAndHigherThresholdWidenTheBudget() {
    EksSettings generous = new EksSettings(90, ByteSize.ofGiB(1), null);
    List<Finding> findings = rule.check(
        new EvictionRiskRule.Input(List.of(node("aws_eks_node_group.apps", 20)), List.of(image("app:1", 8 * 1024))),
        generous);

    assertThat(findings).isEmpty();
  }

  @Test
  void aNodeGroupWithNoImages_isNotReported() {
    assertThat(rule.check(new EvictionRiskRule.Input(List.of(node("a", 1)), List.of()), EksSettings.DEFAULT)).isEmpty();
  }
}
