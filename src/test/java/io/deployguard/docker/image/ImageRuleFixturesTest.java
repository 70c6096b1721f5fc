package io.deployguard.docker.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.docker.ImageSettings;
import io.deployguard.policy.ByteSize;
import io.deployguard.policy.Finding;
import io.deployguard.policy.RuleFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The image rules (IMG001-IMG004) on their fixture folders {@code images/<RULE>/}: each case is a
 * layer listing ({@code .layers}) of what the rules read, the entries of each layer, judged with
 * the default image settings; {@code expected-findings.txt} lists the rule ids each case gets.
 */
class ImageRuleFixturesTest {

  static List<RuleFixtures.Case> cases() {
    return RuleFixtures.casesUnder("images");
  }

  /** The image a layer listing describes. */
  static ImageAnalysis read(Path listing) throws IOException {
    List<Layer> layers = new ArrayList<>();
    String createdBy = null;
    List<LayerEntry> entries = new ArrayList<>();
    for (String line : Files.readAllLines(listing)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] w = line.trim().split("\\s+", 2);
      if (w[0].equals("layer")) {
        if (createdBy != null) {
          layers.add(Layer.of(layers.size() + 1, "sha256:" + layers.size(), createdBy, entries));
        }
        createdBy = w[1];
        entries = new ArrayList<>();
        continue;
      }
      String[] a = w[1].split("\\s+");
      entries.add(switch (w[0]) {
        case "file" -> LayerEntry.file(a[0], ByteSize.parse(a[1]).bytes());
        case "directory" -> LayerEntry.directory(a[0]);
        case "symlink" -> LayerEntry.symlink(a[0], a[1]);
        case "hardlink" -> LayerEntry.hardlink(a[0], a[1]);
        case "whiteout" -> LayerEntry.whiteout(a[0]);
        case "opaque" -> LayerEntry.opaque(a[0]);
        default -> throw new IllegalArgumentException(listing + ": '" + line + "' is not a layer entry");
      });
    }
    if (createdBy != null) {
      layers.add(Layer.of(layers.size() + 1, "sha256:" + layers.size(), createdBy, entries));
    }
    return ImageAnalysis.of(new ImageLayers("fixture:1", "docker-archive:" + listing.getFileName(), "", layers));
  }

  @ParameterizedTest(name = "{0} gets exactly its expected rules")
  @MethodSource("cases")
  void imageGetsExactlyItsExpectedRules(RuleFixtures.Case c) throws IOException {
    Set<String> ids = ImageRules.RULES.evaluate(read(c.file()), ImageSettings.DEFAULT).stream()
        .map(Finding::ruleId).collect(Collectors.toCollection(TreeSet::new));

    assertThat(ids).containsExactlyInAnyOrderElementsOf(c.expected());
  }

  @ParameterizedTest(name = "{0} names the image in every finding")
  @MethodSource("cases")
  void everyFindingNamesTheImage(RuleFixtures.Case c) throws IOException {
    assertThat(ImageRules.RULES.evaluate(read(c.file()), ImageSettings.DEFAULT)).allSatisfy(f -> {
      assertThat(f.resource()).isEqualTo("fixture:1");
      assertThat(f.location().input()).isEqualTo("docker-archive:" + c.file().getFileName());
    });
  }
}
