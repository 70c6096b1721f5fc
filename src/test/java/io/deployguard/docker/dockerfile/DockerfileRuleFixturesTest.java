package io.deployguard.docker.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.docker.DockerfileSettings;
import io.deployguard.policy.Finding;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every fixture under {@code dockerfiles/<RULE>/}. A line {@code # expect-next: DF001} says
 * the rule reports the next line; a fixture named {@code fail-*} has at least one, a {@code pass-*}
 * fixture none, and the rule of the folder must report exactly the marked lines. A line
 * {@code # dockerignore: present} gives the build context a .dockerignore, and
 * {@code # settings: allow_root} / {@code require_digest} switch those settings on.
 */
class DockerfileRuleFixturesTest {

  private static final Pattern EXPECT = Pattern.compile("\\s*#\\s*expect-next:\\s*(DF[0-9]{3})\\s*");

  static Path root() throws URISyntaxException {
    return Path.of(Objects.requireNonNull(DockerfileRuleFixturesTest.class.getResource("/dockerfiles")).toURI());
  }

  static Stream<String> fixtures() throws IOException, URISyntaxException {
    Path root = root();
    return Files.walk(root).filter(p -> p.toString().endsWith(".Dockerfile")).map(p -> root.relativize(p).toString())
        .sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void ruleReportsExactlyTheMarkedLines(String relative) throws IOException, URISyntaxException {
    Path fixture = root().resolve(relative);
    String rule = fixture.getParent().getFileName().toString();
    List<String> lines = Files.readAllLines(fixture);
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = EXPECT.matcher(lines.get(i));
      if (m.matches()) {
        assertThat(m.group(1)).as("marker in a %s fixture", rule).isEqualTo(rule);
        expected.add(i + 2);
      }
    }
    String name = fixture.getFileName().toString();
    if (name.startsWith("fail-")) {
      assertThat(expected).as("a fail fixture marks what it expects").isNotEmpty();
    } else {
      assertThat(name).startsWith("pass-");
      assertThat(expected).as("a pass fixture expects nothing").isEmpty();
    }
    String text = String.join("\n", lines);
    DockerfileSettings settings = new DockerfileSettings(text.contains("# settings: allow_root"),
        text.contains("# settings: require_digest"), null, null, null, null);
    Dockerfile d = DockerfileParser.parse(name, Files.readAllBytes(fixture), Map.of());
    List<Finding> findings = DockerfileRules.evaluate(d, settings, text.contains("# dockerignore: present"));

    List<Finding> ofRule = findings.stream().filter(f -> f.ruleId().equals(rule)).toList();
    assertThat(ofRule).extracting(f -> f.location().line()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(ofRule).allSatisfy(f -> {
      assertThat(f.location().input()).isEqualTo(name);
      assertThat(f.resource()).startsWith(name + " (stage ");
      assertThat(f.message()).isNotBlank().doesNotContain("\n");
    });
  }

  @Test
  void everyRuleHasPassAndFailFixtures() throws IOException, URISyntaxException {
    for (var rule : DockerfileRules.RULES.metadata()) {
      Path dir = root().resolve(rule.id());
      try (Stream<Path> files = Files.list(dir)) {
        List<String> names = files.map(p -> p.getFileName().toString()).toList();
        assertThat(names).as(rule.id()).anyMatch(n -> n.startsWith("pass-")).anyMatch(n -> n.startsWith("fail-"));
      }
    }
  }
}
