package io.deployguard.testing;

import io.deployguard.app.Postdeploy;
import io.deployguard.aws.AlarmRequirement;
import io.deployguard.aws.WorldSshPolicy;
import io.deployguard.network.SecurityGroupRule;
import io.deployguard.terraform.Plan;
import io.deployguard.terraform.PlanRecords;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * {@link Postdeploy} wired with the small {@link WorldSshPolicy} (TEST001 all ports from the world,
 * TEST002 SSH from the world), so that post-deploy tests do not depend on the standard rule set.
 */
public final class PostdeployWiring {
  private PostdeployWiring() {}

  /** The standard wiring (plan reader, extra alarms) with the test policy. */
  public static Postdeploy worldSsh() {
    return Postdeploy.standard().withPolicy(settings -> new WorldSshPolicy());
  }

  /** The test policy with {@code planReader} for drift. */
  public static Postdeploy worldSsh(Function<Path, List<SecurityGroupRule>> planReader) {
    return worldSsh(planReader, List.of());
  }

  /** The test policy, {@code planReader}, and {@code extraAlarms} required on top of the configuration's. */
  public static Postdeploy worldSsh(Function<Path, List<SecurityGroupRule>> planReader,
      List<AlarmRequirement> extraAlarms) {
    return new Postdeploy(s -> new WorldSshPolicy(),
        path -> new Plan(path.toString(), "1.2", "",
            PlanRecords.NONE.with(PlanRecords.Slot.SECURITY_GROUP_RULES, planReader.apply(path))),
        (config, plan) -> extraAlarms);
  }
}
