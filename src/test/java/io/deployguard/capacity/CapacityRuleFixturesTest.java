package io.deployguard.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.policy.ByteSize;
import io.deployguard.policy.Finding;
import io.deployguard.policy.Location;
import io.deployguard.policy.RuleFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The capacity rules (EKS001) on their fixture folders {@code capacity/<RULE>/}: each case lists
 * node groups with their disks and the images that may run on them ({@code .nodes}), judged with
 * the default EKS settings; {@code expected-findings.txt} lists the rule ids each case gets.
 */
class CapacityRuleFixturesTest {

  static List<RuleFixtures.Case> cases() {
    return RuleFixtures.casesUnder("capacity");
  }

  static EvictionRiskRule.Input read(RuleFixtures.Case c) throws IOException {
    List<NodeDisk> nodes = new ArrayList<>();
    List<ImageFootprint> images = new ArrayList<>();
    for (String line : Files.readAllLines(c.file())) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] w = line.trim().split("\\s+");
      switch (w[0]) {
        case "node" -> nodes.add(new NodeDisk(w[1], ByteSize.parse(w[2]), "disk_size",
            Location.pointer(c.file().getFileName().toString(), w[1])));
        case "image" -> images.add(new ImageFootprint(w[1], ByteSize.parse(w[2])));
        default -> throw new IllegalArgumentException(c + ": '" + line + "' is neither a node nor an image");
      }
    }
    return new EvictionRiskRule.Input(nodes, images);
  }

  @ParameterizedTest(name = "{0} gets exactly its expected rules")
  @MethodSource("cases")
  void nodeGroupsGetExactlyTheirExpectedRules(RuleFixtures.Case c) throws IOException {
    Set<String> ids = CapacityRules.RULES.evaluate(read(c), EksSettings.DEFAULT).stream()
        .map(Finding::ruleId).collect(Collectors.toCollection(TreeSet::new));

    assertThat(ids).containsExactlyInAnyOrderElementsOf(c.expected());
  }
}
