package io.deployguard.app;

import io.deployguard.aws.AlarmRequirement;
import io.deployguard.aws.AlarmSettings;
import io.deployguard.terraform.EksCluster;
import io.deployguard.terraform.LogGroup;
import io.deployguard.terraform.Plan;
import java.util.ArrayList;
import java.util.List;

/**
 * The alarms a plan calls for beyond what {@code alarms:} lists: a node-disk alarm for every EKS
 * cluster it declares, and an ingestion alarm for every log group it creates. The first incident
 * went unnoticed for five days because neither existed.
 */
final class PlanAlarms {
  private PlanAlarms() {}

  /** The requirements for {@code plan} ({@code null}: none) under the configuration's thresholds. */
  static List<AlarmRequirement> required(ConfigLoader.Loaded config, Plan plan) {
    return plan == null ? List.of() : required(plan, config.config().alarms());
  }

  static List<AlarmRequirement> required(Plan plan, AlarmSettings settings) {
    List<AlarmRequirement> out = new ArrayList<>();
    for (EksCluster c : plan.clusters()) {
      if (c.name() != null && !settings.eksNodeDisk().clusters().contains(c.name())) {
        out.add(AlarmRequirement.nodeDisk(c.name(), settings.eksNodeDisk().threshold(), settings.region()));
      }
    }
    for (LogGroup g : plan.logGroups()) {
      if (g.name() != null) {
        out.add(AlarmRequirement.logGroupIngestion(g.name(), settings.logsIngestion().maxBytesPerHour(),
            settings.region()));
      }
    }
    return out;
  }
}
