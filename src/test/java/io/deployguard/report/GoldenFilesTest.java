package io.deployguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reporter over every scenario against its golden file in {@code src/test/resources/report}.
 * Goldens change only when the build runs with {@code -Ddeployguard.updateGoldens=true}; any other
 * difference fails with the differing lines.
 */
class GoldenFilesTest {
  private static final boolean UPDATE = Boolean.getBoolean("deployguard.updateGoldens");

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (String scenario : Scenarios.all().keySet()) {
      for (String file : Rendering.reporters().keySet()) {
        cases.add(Arguments.of(scenario, file));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}/{1}")
  @MethodSource("cases")
  void reportMatchesItsGoldenFile(String scenario, String file) throws IOException {
    String actual = Rendering.render(Rendering.reporters().get(file), Scenarios.all().get(scenario).get());
    Path golden = Rendering.golden(scenario, file);
    if (UPDATE) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(golden).as("golden file (create it with -Ddeployguard.updateGoldens=true)").exists();
    String expected = Files.readString(golden, StandardCharsets.UTF_8);
    if (!expected.equals(actual)) {
      Assertions.fail(golden + " differs (regenerate with -Ddeployguard.updateGoldens=true if intended):\n"
          + diff(expected, actual));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarioNames")
  void renderingTwiceGivesTheSameBytes(String scenario) {
    for (Map.Entry<String, Reporter> r : Rendering.reporters().entrySet()) {
      String first = Rendering.render(r.getValue(), Scenarios.all().get(scenario).get());
      String second = Rendering.render(r.getValue(), Scenarios.all().get(scenario).get());
      assertThat(second).as(r.getKey()).isEqualTo(first);
    }
  }

  static Stream<String> scenarioNames() {
    return Scenarios.all().keySet().stream();
  }

  /** Differing lines with their numbers, at most 20 of them. */
  static String diff(String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    StringBuilder sb = new StringBuilder();
    int shown = 0;
    for (int i = 0; i < Math.max(e.length, a.length) && shown < 20; i++) {
      String x = i < e.length ? e[i] : "<no line>";
      String y = i < a.length ? a[i] : "<no line>";
      if (!x.equals(y)) {
        sb.append(String.format("line %d%n  - %s%n  + %s%n", i + 1, x, y));
        shown++;
      }
    }
    return sb.toString();
  }
}
