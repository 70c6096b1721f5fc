package io.deployguard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleSetTest {

  /** Reports once for every subject longer than its limit. */
  private static final class LongerThan extends Rule.Base<String, Integer> {
    LongerThan(String id) {
      super(new RuleMetadata(id, "Too long", Severity.LOW, "test", "Long names are hard to read.", "Shorten it."));
    }

    @Override
    public List<Finding> check(String subject, Integer limit) {
      return subject.length() <= limit ? List.of()
          : List.of(finding().resource(subject).message(subject + " is long").location(Location.of("x")).build());
    }
  }

  @Test
  void evaluate_runsEveryRuleInListOrder_andEvaluateEachGoesSubjectBySubject() {
    RuleSet<String, Integer> set = RuleSet.of(new LongerThan("TST002"), new LongerThan("TST001"));

    assertThat(set.evaluate("abcd", 3)).extracting(Finding::ruleId).containsExactly("TST002", "TST001");
    assertThat(set.evaluateEach(List.of("abcd", "ab", "xyzw"), 3))
        .extracting(f -> f.ruleId() + " " + f.resource())
        .containsExactly("TST002 abcd", "TST001 abcd", "TST002 xyzw", "TST001 xyzw");
    assertThat(set.metadata()).extracting(RuleMetadata::id).containsExactly("TST002", "TST001");
    assertThat(set.ids()).containsExactlyInAnyOrder("TST001", "TST002");
  }

  @Test
  void aRuleIdListedTwice_isRejected() {
    assertThatThrownBy(() -> RuleSet.of(new LongerThan("TST001"), new LongerThan("TST001")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TST001 is listed twice");
  }

  @Test
  void only_keepsTheAcceptedRulesInOrder_andMetadataOfSeveralSetsConcatenates() {
    RuleSet<String, Integer> set = RuleSet.of(new LongerThan("TST001"), new LongerThan("TST002"), new LongerThan("TST003"));

    RuleSet<String, Integer> odd = set.only(r -> !r.metadata().id().equals("TST002"));

    assertThat(odd.metadata()).extracting(RuleMetadata::id).containsExactly("TST001", "TST003");
    assertThat(RuleSet.metadata(odd, set)).extracting(RuleMetadata::id)
        .containsExactly("TST001", "TST003", "TST001", "TST002", "TST003");
  }
}
