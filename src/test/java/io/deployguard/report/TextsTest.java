package io.deployguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.policy.Finding;
import io.deployguard.policy.ScanResult;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text clean-up and ordering shared by the human formats. */
class TextsTest {

  @Test
  void mostSevereFirst_ordersBySeverityDescending_thenInTheResultsOwnOrder() {
    for (var scenario : Scenarios.all().values()) {
      List<Finding> findings = scenario.get().findings();
      List<Finding> expected = findings.stream()
          .sorted(Comparator.comparing(Finding::severity).reversed().thenComparing(ScanResult.ORDER)).toList();

      assertThat(Texts.mostSevereFirst(findings)).containsExactlyElementsOf(expected);
    }
    assertThat(Texts.mostSevereFirst(Scenarios.many().findings())).extracting(Finding::severity).isSortedAccordingTo(
        Comparator.reverseOrder());
  }
}
