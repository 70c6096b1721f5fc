package io.deployguard.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.deployguard.aws.AlarmSettings;
import io.deployguard.aws.RemediateSettings;
import io.deployguard.docker.DockerfileSettings;
import io.deployguard.docker.ImageSettings;
import io.deployguard.network.NetworkSettings;
import io.deployguard.policy.Severity;
import io.deployguard.capacity.EksSettings;
import io.deployguard.policy.Unset;
import io.deployguard.terraform.LogSettings;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code deployguard.yml} as written (the wire form). {@link ConfigLoader} reads it with unknown
 * keys rejected, and turns the generic part into {@link io.deployguard.policy.PolicySettings}.
 * Every section is optional.
 */
public record DeployguardConfig(
    @JsonProperty("version") Integer version,
    @JsonProperty("fail_on") String failOn,
    @JsonProperty("rules") Map<String, RuleSpec> rules,
    @JsonProperty("waivers") List<WaiverSpec> waivers,
    @JsonProperty("network") NetworkSettings network,
    @JsonProperty("dockerfile") DockerfileSettings dockerfile,
    @JsonProperty("image") ImageSettings image,
    @JsonProperty("logs") LogSettings logs,
    @JsonProperty("eks") EksSettings eks,
    @JsonProperty("predeploy") PredeploySettings predeploy,
    @JsonProperty("remediate") RemediateSettings remediate,
    @JsonProperty("alarms") AlarmSettings alarms,
    @JsonProperty("targets") io.deployguard.aws.org.TargetSettings targets,
    @JsonProperty("source_root") String sourceRoot) {

  public static final DeployguardConfig DEFAULT =
      new DeployguardConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null);

  public DeployguardConfig {
    version = version == null ? 1 : version;
    failOn = failOn == null ? Severity.HIGH.lowerName() : failOn;
    rules = Unset.map(rules);
    waivers = Unset.list(waivers);
    network = network == null ? NetworkSettings.DEFAULT : network;
    dockerfile = dockerfile == null ? DockerfileSettings.DEFAULT : dockerfile;
    image = image == null ? ImageSettings.DEFAULT : image;
    logs = logs == null ? LogSettings.DEFAULT : logs;
    eks = eks == null ? EksSettings.DEFAULT : eks;
    predeploy = predeploy == null ? PredeploySettings.DEFAULT : predeploy;
    remediate = remediate == null ? RemediateSettings.DEFAULT : remediate;
    alarms = alarms == null ? AlarmSettings.DEFAULT : alarms;
    targets = targets == null ? io.deployguard.aws.org.TargetSettings.DEFAULT : targets;
  }

  /** {@code rules: {SG004: {enabled: false, severity: low}}}. */
  public record RuleSpec(@JsonProperty("enabled") Boolean enabled, @JsonProperty("severity") String severity) {}

  /** One entry of {@code waivers:}. */
  public record WaiverSpec(
      @JsonProperty("rule") String rule,
      @JsonProperty("resource") String resource,
      @JsonProperty("reason") String reason,
      @JsonProperty("expires") LocalDate expires,
      @JsonProperty("input") String input) {}
}
