package io.deployguard.app;

import io.deployguard.policy.Finding;
import io.deployguard.policy.RuleMetadata;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Scans pre-deploy inputs of one kind. {@code scan} throws {@link io.deployguard.policy.InputException}
 * on unreadable input.
 */
public interface InputScanner {
  /** The rules this scanner evaluates (listed in reports). */
  List<RuleMetadata> rules();

  /**
   * Scans one input; records in {@code facts} what checks across inputs need (node disks,
   * image sizes).
   */
  List<Finding> scan(PredeployInput input, ConfigLoader.Loaded config, ScanFacts facts);

  /** A scanner from its rules and a function that needs nothing from other inputs. */
  static InputScanner of(List<RuleMetadata> rules, BiFunction<PredeployInput, ConfigLoader.Loaded, List<Finding>> scan) {
    return withFacts(rules, (input, config, facts) -> scan.apply(input, config));
  }

  /** A scanner from its rules and a function that also records facts. */
  static InputScanner withFacts(List<RuleMetadata> rules, FactScan scan) {
    List<RuleMetadata> copy = List.copyOf(rules);
    return new InputScanner() {
      @Override
      public List<RuleMetadata> rules() {
        return copy;
      }

      @Override
      public List<Finding> scan(PredeployInput input, ConfigLoader.Loaded config, ScanFacts facts) {
        return scan.scan(input, config, facts);
      }
    };
  }

  /** The function behind {@link #withFacts}. */
  @FunctionalInterface
  interface FactScan {
    List<Finding> scan(PredeployInput input, ConfigLoader.Loaded config, ScanFacts facts);
  }
}
