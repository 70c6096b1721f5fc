package io.deployguard.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.policy.Location;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeGroupDiskTest {

  @Test
  void diskSizeOrTheOnlyLaunchTemplateOfThePlan_givesEachNodeGroupsDisk() {
    Plan plan = PlanReader.read(Path.of("src/test/resources/plans/logs-and-eks.json"));

    assertThat(NodeGroupDisk.of(plan)).extracting(NodeGroupDisk::nodeGroup, NodeGroupDisk::gib, NodeGroupDisk::source)
        .contains(org.assertj.core.groups.Tuple.tuple("aws_eks_node_group.default", 20, "disk_size"));
  }

  @Test
  void aNodeGroupWithoutDiskSizeOrTemplate_getsTheEksDefault() {
    Location at = Location.pointer("plan.json", "x");
    Plan plan = new Plan("plan.json", "1.2", "", PlanRecords.NONE.with(PlanRecords.Slot.NODE_GROUPS,
        List.of(new EksNodeGroup("aws_eks_node_group.x", "prod", null, false, List.of(), null, at))));

    assertThat(NodeGroupDisk.of(plan)).singleElement()
        .satisfies(d -> assertThat(d.gib()).isEqualTo(NodeGroupDisk.EKS_DEFAULT_GIB))
        .satisfies(d -> assertThat(d.source()).isEqualTo("EKS default"));
  }

  @Test
  void aDiskKnownOnlyAfterApply_isLeftOut() {
    Location at = Location.pointer("plan.json", "x");
    Plan plan = new Plan("plan.json", "1.2", "", PlanRecords.NONE.with(PlanRecords.Slot.NODE_GROUPS,
        List.of(new EksNodeGroup("aws_eks_node_group.x", "prod", null, true, List.of(), null, at))));

    assertThat(NodeGroupDisk.of(plan)).isEmpty();
  }

  @Test
  void aLaunchTemplateNamedByTheNodeGroup_givesItsVolumeSize() {
    Location at = Location.pointer("plan.json", "x");
    Plan plan = new Plan("plan.json", "1.2", "", PlanRecords.NONE
        .with(PlanRecords.Slot.NODE_GROUPS, List.of(new EksNodeGroup("aws_eks_node_group.x", "prod", null, false, List.of(),
            new EksNodeGroup.LaunchTemplateRef(null, "big", "1"), at)))
        .with(PlanRecords.Slot.LAUNCH_TEMPLATES, List.of(
            new LaunchTemplate("aws_launch_template.small", "small", List.of(new LaunchTemplate.BlockDevice("/dev/xvda", 20)), at),
            new LaunchTemplate("aws_launch_template.big", "big", List.of(new LaunchTemplate.BlockDevice("/dev/xvda", 100)), at))));

    assertThat(NodeGroupDisk.of(plan)).singleElement().satisfies(d -> {
      assertThat(d.gib()).isEqualTo(100);
      assertThat(d.source()).isEqualTo("aws_launch_template.big block_device_mappings");
    });
  }
}
