package io.deployguard.aws.org;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.deployguard.aws.DurationText;
import io.deployguard.policy.Limits;
import io.deployguard.policy.SettingException;
import io.deployguard.policy.Unset;
import java.time.Duration;
import java.util.List;

/**
 * The {@code targets:} section of {@code deployguard.yml}: which accounts and regions one
 * post-deploy run covers. Each key has the name of its command-line option, and the option wins.
 * Without {@code accounts} and {@code organization} a run checks its own account only.
 *
 * @param accounts an accounts file (YAML, see {@link AccountsFile}), relative to the working folder
 * @param organization list the accounts with AWS Organizations {@code ListAccounts} (from the
 *     management or a delegated-administrator account)
 * @param orgRole the role name assumed in every account that names none (required with {@code
 *     organization})
 * @param externalId the external id sent with every AssumeRole that names none
 * @param exclude account ids or names (glob patterns) left out
 * @param regions regions checked in every account that names none; {@code [all]} for each
 *     account's enabled regions (EC2 DescribeRegions); empty for the run's own region
 * @param parallel targets checked at once (default 8)
 * @param targetTimeout how long one target may take (default 5m); longer than 0s
 * @param allowTargetErrors a target that cannot be checked is reported but does not fail the run
 */
public record TargetSettings(
    @JsonProperty("accounts") String accounts,
    @JsonProperty("organization") Boolean organization,
    @JsonProperty("org_role") String orgRole,
    @JsonProperty("external_id") String externalId,
    @JsonProperty("exclude") List<String> exclude,
    @JsonProperty("regions") List<String> regions,
    @JsonProperty("parallel") @Limits(min = 1, max = MAX_PARALLEL) Integer parallel,
    @JsonProperty("target_timeout") @JsonDeserialize(converter = DurationText.PositiveAsText.class) String targetTimeout,
    @JsonProperty("allow_target_errors") Boolean allowTargetErrors) {

  public static final TargetSettings DEFAULT = new TargetSettings(null, null, null, null, null, null, null, null, null);
  public static final int DEFAULT_PARALLEL = 8;
  public static final int MAX_PARALLEL = 64;
  public static final Duration DEFAULT_TARGET_TIMEOUT = Duration.ofMinutes(5);

  public TargetSettings {
    organization = organization != null && organization;
    String roleProblem = orgRole == null ? null : Account.roleNameProblem(orgRole);
    if (roleProblem != null) {
      throw new SettingException("org_role", roleProblem + " (give the role name every account"
          + " has, e.g. org_role: deployguard-member; an account's own ARN goes in the accounts file)");
    }
    exclude = Unset.list(exclude);
    regions = Unset.list(regions);
    String regionsProblem = Account.regionsProblem(regions);
    if (regionsProblem != null) {
      throw new SettingException("regions", regionsProblem);
    }
    parallel = parallel == null ? DEFAULT_PARALLEL : parallel;
    if (targetTimeout != null) {
      SettingException.read("target_timeout", targetTimeout, DurationText::positive);
    }
    allowTargetErrors = allowTargetErrors != null && allowTargetErrors;
  }

  /** Whether the run covers other accounts than its own. */
  public boolean active() {
    return accounts != null || organization;
  }

  public Duration targetTimeoutDuration() {
    return targetTimeout == null ? DEFAULT_TARGET_TIMEOUT : DurationText.parse(targetTimeout);
  }

  /** Whether {@code regions} asks for every enabled region. */
  public boolean allRegions() {
    return Account.allRegions(regions);
  }
}
