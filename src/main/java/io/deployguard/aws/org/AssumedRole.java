package io.deployguard.aws.org;

import java.time.Duration;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * Credentials in a member account: STS {@code AssumeRole} with the session name {@code
 * deployguard-RUNID} (so CloudTrail in the member account shows which run acted) and a bounded
 * duration. The SDK's provider assumes the role again before the credentials expire, so a run
 * that outlives {@link #DURATION} keeps working.
 */
public final class AssumedRole {
  private AssumedRole() {}

  /** How long one set of credentials lives; one hour is also the ceiling of role chaining. */
  public static final Duration DURATION = Duration.ofHours(1);

  /** {@code deployguard-RUNID}, cut to the 64 characters STS allows. */
  public static String sessionName(String runId) {
    String name = "deployguard-" + runId.replaceAll("[^\\w+=,.@-]", "-");
    return name.length() > 64 ? name.substring(0, 64) : name;
  }

  /**
   * A provider that assumes {@code roleArn} through {@code sts} (the run's own credentials) on
   * first use and again before expiry. Closing it does not close {@code sts}.
   */
  public static StsAssumeRoleCredentialsProvider provider(StsClient sts, String roleArn, String externalId,
      String runId) {
    AssumeRoleRequest.Builder r = AssumeRoleRequest.builder().roleArn(roleArn).roleSessionName(sessionName(runId))
        .durationSeconds((int) DURATION.toSeconds());
    if (externalId != null) {
      r.externalId(externalId);
    }
    return StsAssumeRoleCredentialsProvider.builder().stsClient(sts).refreshRequest(r.build())
        .staleTime(Duration.ofMinutes(5)).prefetchTime(Duration.ofMinutes(10)).build();
  }
}
