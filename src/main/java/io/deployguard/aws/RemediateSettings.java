package io.deployguard.aws;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.deployguard.policy.Limits;
import io.deployguard.policy.SettingException;
import io.deployguard.policy.Severity;
import io.deployguard.policy.Unset;
import java.util.List;
import java.util.Map;

/**
 * The {@code remediate:} section of {@code deployguard.yml}. Missing keys take their defaults;
 * unknown keys are configuration errors. Command-line options win over these.
 *
 * @param regions regions to scan; empty means the region of the profile or environment
 * @param groupIds only these security groups
 * @param vpcIds only groups in these VPCs
 * @param tags only groups carrying all of these tags ({@code *} as a value: any value)
 * @param maxRevocations the blast-radius limit: never revoke more rules in one run (default 10)
 * @param revokeAt an ingress rule with a finding at or above this severity is revoked (default
 *     high)
 * @param exemptTag the tag that exempts a rule or a whole group (default {@code deployguard:exempt})
 * @param notifyTopic SNS topic ARN told about every run with violations, or {@code null}
 */
public record RemediateSettings(
    @JsonProperty("regions") List<String> regions,
    @JsonProperty("group_ids") List<String> groupIds,
    @JsonProperty("vpc_ids") List<String> vpcIds,
    @JsonProperty("tags") Map<String, String> tags,
    @JsonProperty("max_revocations") @Limits(min = 0) Integer maxRevocations,
    @JsonProperty("revoke_at") String revokeAt,
    @JsonProperty("exempt_tag") String exemptTag,
    @JsonProperty("notify") String notifyTopic) {

  public static final RemediateSettings DEFAULT = new RemediateSettings(null, null, null, null, null, null, null, null);

  public RemediateSettings {
    regions = Unset.list(regions);
    groupIds = Unset.list(groupIds);
    vpcIds = Unset.list(vpcIds);
    tags = Unset.map(tags);
    maxRevocations = maxRevocations == null ? 10 : maxRevocations;
    revokeAt = revokeAt == null ? Severity.HIGH.lowerName() : revokeAt;
    SettingException.read("revoke_at", revokeAt, Severity::parse);
    exemptTag = exemptTag == null ? Exemption.DEFAULT_TAG : exemptTag;
    if (exemptTag.isBlank()) {
      throw new SettingException("exempt_tag", "must not be empty");
    }
    if (notifyTopic != null && !notifyTopic.startsWith("arn:")) {
      throw new SettingException("notify", "must be an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME), got '" + notifyTopic + "'");
    }
  }

  public Severity revokeAtSeverity() {
    return Severity.parse(revokeAt);
  }
}
