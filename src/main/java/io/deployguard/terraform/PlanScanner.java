package io.deployguard.terraform;

import io.deployguard.network.NetworkRules;
import io.deployguard.network.NetworkSettings;
import io.deployguard.policy.Finding;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.RuleSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scans one Terraform plan with the plan rules: SG001-SG010 on its security-group rules and
 * LOG001 on its log groups. Used by {@code deployguard plan} and {@code deployguard predeploy}.
 */
public final class PlanScanner {
  private PlanScanner() {}

  /** Every rule a plan scan evaluates: SG001-SG010 and LOG001. */
  public static final List<RuleMetadata> RULES = RuleSet.metadata(NetworkRules.RULES, LogRules.RULES);

  /**
   * Reads the plan at {@code plan} and returns every finding, at default severities (the policy
   * engine applies configuration afterwards).
   *
   * @throws io.deployguard.policy.InputException when the file is not a readable plan
   */
  public static List<Finding> scan(Path plan, NetworkSettings network, LogSettings logs) {
    return evaluate(PlanReader.read(plan), network, logs);
  }

  /** The findings of the plan rules on an already read plan. */
  public static List<Finding> evaluate(Plan plan, NetworkSettings network, LogSettings logs) {
    List<Finding> out = new ArrayList<>(NetworkRules.evaluate(plan.rules(), network));
    out.addAll(LogRules.RULES.evaluateEach(plan.logGroups(), logs));
    return out;
  }
}
