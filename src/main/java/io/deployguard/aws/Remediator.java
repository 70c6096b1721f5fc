package io.deployguard.aws;

import io.deployguard.network.Direction;
import io.deployguard.network.SecurityGroupRule;
import io.deployguard.policy.Finding;
import io.deployguard.policy.Severity;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressResponse;

/**
 * Decides, for every live rule, whether it stays or goes, and with {@code apply} revokes the
 * violating ingress rules.
 *
 * <p>The contract users rely on: nothing changes without {@code apply}; with it, permission is
 * first checked with {@code DryRun=true} (a refusal names the missing IAM action and revokes
 * nothing); rules are revoked by {@code SecurityGroupRuleIds}, one call per group; an exemption
 * tag on the rule or its group keeps it; groups are taken whole, in group-id order, until the
 * next group would pass {@code maxRevocations}, and the run stops there (so a group is never left
 * half-cleaned); rules that are already gone are recorded as such; throttling is retried with
 * exponential backoff on top of the SDK's own retries; any other failure leaves the batch's
 * rules recorded as failed after re-reading whether they still exist.
 */
public final class Remediator {

  /** The EC2 action that revocation needs; named in permission errors. */
  public static final String REVOKE_ACTION = "ec2:RevokeSecurityGroupIngress";

  private static final Set<String> NOT_FOUND = Set.of(
      "InvalidPermission.NotFound", "InvalidSecurityGroupRuleId.NotFound", "InvalidGroup.NotFound");
  private static final Set<String> THROTTLED = Set.of(
      "RequestLimitExceeded", "Throttling", "ThrottlingException");

  /**
   * How remediation behaves.
   *
   * @param apply whether to change anything
   * @param maxRevocations never revoke more rules than this in one run
   * @param revokeAt an ingress rule with an unsuppressed finding at or above this severity goes
   * @param exemptTag the tag that keeps a rule (on the rule or its group)
   * @param throttleRetries attempts after the SDK gave up on throttling
   * @param backoff first wait between those attempts; doubles each time
   */
  public record Options(
      boolean apply, int maxRevocations, Severity revokeAt, String exemptTag, int throttleRetries, Duration backoff) {
    public static Options of(boolean apply, int maxRevocations, Severity revokeAt, String exemptTag) {
      return new Options(apply, maxRevocations, revokeAt, exemptTag, 4, Duration.ofSeconds(1));
    }
  }

  /** Waits between retries; a parameter so that tests need not wait. */
  @FunctionalInterface
  public interface Sleeper {
    Sleeper REAL = d -> {
      try {
        Thread.sleep(d.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while backing off", e);
      }
    };

    void sleep(Duration d);
  }

  private final Ec2Client ec2;
  private final AwsScope scope;
  private final Options options;
  private final Sleeper sleeper;

  public Remediator(Ec2Client ec2, AwsScope scope, Options options, Sleeper sleeper) {
    this.ec2 = ec2;
    this.scope = scope;
    this.options = options;
    this.sleeper = sleeper;
  }

  /**
   * Decides and, with {@code apply}, acts.
   *
   * @param rules the live rules, as read by {@link LiveSecurityGroups}
   * @param findings the policy's findings on them, after waivers and severity overrides
   *     (suppressed findings do not count)
   * @param today the day exemption expiry is judged against
   */
  public RemediationReport remediate(List<SecurityGroupRule> rules, List<Finding> findings, LocalDate today) {
    Map<String, List<Finding>> byRule = new HashMap<>();
    for (Finding f : findings) {
      byRule.computeIfAbsent(f.resource(), k -> new ArrayList<>()).add(f);
    }
    Map<String, Decision> decisions = new LinkedHashMap<>();
    Map<String, List<Decision>> candidates = new TreeMap<>();
    for (SecurityGroupRule r : rules) {
      String id = r.origin().ruleId();
      List<Finding> own = byRule.getOrDefault(r.origin().resource(), List.of());
      List<Decision.Violation> violations = own.stream()
          .filter(f -> !f.suppressed())
          .map(f -> new Decision.Violation(f.ruleId(), f.severity().lowerName(), f.message()))
          .sorted(java.util.Comparator.comparing(Decision.Violation::rule).thenComparing(Decision.Violation::message))
          .toList();
      Decision d = new Decision(id, scope.ruleArn(id), r.origin().groupId(), r.origin().groupName(),
          r.direction().lowerName(), r.describe(), Decision.Outcome.KEPT, "no violation", violations);
      boolean waived = own.stream().anyMatch(Finding::suppressed);
      boolean revocable = own.stream().anyMatch(f -> !f.suppressed() && f.severity().atLeast(options.revokeAt()));
      if (violations.isEmpty()) {
        d = d.with(Decision.Outcome.KEPT, waived ? "waived in deployguard.yml" : "no violation");
      } else if (r.direction() == Direction.EGRESS) {
        d = d.with(Decision.Outcome.KEPT, "egress rules are reported, not revoked");
      } else if (!revocable) {
        d = d.with(Decision.Outcome.KEPT, "violations are below revoke_at (" + options.revokeAt().lowerName() + ")");
      } else {
        String tag = r.origin().tags().get(options.exemptTag());
        Exemption ex = tag == null ? null : Exemption.parse(tag);
        if (ex != null && ex.activeOn(today)) {
          d = d.with(Decision.Outcome.EXEMPT, ex.explain(today) + " (tag " + options.exemptTag() + ")");
        } else {
          String note = ex == null ? "" : "; " + ex.explain(today);
          d = d.with(Decision.Outcome.WOULD_REVOKE, "violates the policy" + note);
          candidates.computeIfAbsent(r.origin().groupId(), k -> new ArrayList<>()).add(d);
        }
      }
      decisions.put(id, d);
    }

    // Whole groups, in order, while they fit under the limit; then stop.
    int budget = options.maxRevocations();
    boolean limitReached = false;
    Map<String, List<Decision>> planned = new TreeMap<>();
    for (Map.Entry<String, List<Decision>> g : candidates.entrySet()) {
      int n = g.getValue().size();
      if (!limitReached && n <= budget) {
        planned.put(g.getKey(), g.getValue());
        budget -= n;
        continue;
      }
      if (!limitReached) {
        limitReached = true;
      }
      for (Decision d : g.getValue()) {
        decisions.put(d.ruleId(), d.with(Decision.Outcome.SKIPPED_BY_LIMIT,
            "revoking group " + g.getKey() + "'s " + n + " violating rule(s) would pass --max-revocations "
                + options.maxRevocations() + "; the run stopped before this group"));
      }
    }

    String error = null;
    if (options.apply() && !planned.isEmpty()) {
      error = checkPermission(planned);
      if (error != null) {
        for (List<Decision> group : planned.values()) {
          for (Decision d : group) {
            decisions.put(d.ruleId(), d.with(Decision.Outcome.FAILED, "not attempted: " + error));
          }
        }
      } else {
        for (Map.Entry<String, List<Decision>> g : planned.entrySet()) {
          for (Decision d : revokeGroup(g.getKey(), g.getValue())) {
            decisions.put(d.ruleId(), d);
          }
        }
      }
    }
    return new RemediationReport(scope, options.apply(), options.maxRevocations(), limitReached,
        new ArrayList<>(decisions.values()), error);
  }

  /** {@code null} when EC2 says the revocation would succeed; otherwise why not. */
  private String checkPermission(Map<String, List<Decision>> planned) {
    Map.Entry<String, List<Decision>> first = planned.entrySet().iterator().next();
    try {
      ec2.revokeSecurityGroupIngress(r -> r.dryRun(true).groupId(first.getKey())
          .securityGroupRuleIds(first.getValue().get(0).ruleId()));
      return "the DryRun permission check of RevokeSecurityGroupIngress succeeded instead of answering DryRunOperation;"
          + " stopping rather than trusting an endpoint that ignores DryRun";
    } catch (AwsServiceException e) {
      String code = code(e);
      if ("DryRunOperation".equals(code)) {
        return null;
      }
      if ("UnauthorizedOperation".equals(code) || "AccessDenied".equals(code) || e.statusCode() == 403) {
        return "permission check refused (" + code + "): the credentials lack " + REVOKE_ACTION
            + " on the security groups; grant it (see examples/iam/remediate.json) and run again";
      }
      return "permission check of " + REVOKE_ACTION + " failed: " + describe(e);
    } catch (SdkException e) {
      return "permission check of " + REVOKE_ACTION + " failed: " + e.getMessage();
    }
  }

  private List<Decision> revokeGroup(String groupId, List<Decision> batch) {
    List<String> ids = batch.stream().map(Decision::ruleId).toList();
    int attempt = 0;
    Duration wait = options.backoff();
    while (true) {
      try {
        RevokeSecurityGroupIngressResponse resp =
            ec2.revokeSecurityGroupIngress(r -> r.groupId(groupId).securityGroupRuleIds(ids));
        if (Boolean.FALSE.equals(resp.returnValue())) {
          return verify(groupId, batch, "EC2 answered Return=false");
        }
        return batch.stream().map(d -> d.with(Decision.Outcome.REVOKED, "revoked: " + d.reason())).toList();
      } catch (AwsServiceException e) {
        String code = code(e);
        if (NOT_FOUND.contains(code)) {
          return alreadyGone(groupId, batch);
        }
        if ((THROTTLED.contains(code) || e.isThrottlingException()) && attempt < options.throttleRetries()) {
          attempt++;
          sleeper.sleep(wait);
          wait = wait.multipliedBy(2);
          continue;
        }
        return verify(groupId, batch, "RevokeSecurityGroupIngress failed: " + describe(e));
      } catch (SdkException e) {
        return verify(groupId, batch, "RevokeSecurityGroupIngress failed: " + e.getMessage());
      }
    }
  }

  /** A batch names a rule that is gone: revoke the rest, record the gone ones. */
  private List<Decision> alreadyGone(String groupId, List<Decision> batch) {
    Set<String> existing;
    try {
      existing = new LiveSecurityGroups(ec2, scope).existing(batch.stream().map(Decision::ruleId).toList());
    } catch (SdkException e) {
      return batch.stream().map(d -> d.with(Decision.Outcome.FAILED,
          "EC2 said a rule of the batch is gone, and re-reading the rules failed: " + e.getMessage())).toList();
    }
    List<Decision> out = new ArrayList<>();
    List<Decision> rest = new ArrayList<>();
    for (Decision d : batch) {
      if (existing.contains(d.ruleId())) {
        rest.add(d);
      } else {
        out.add(d.with(Decision.Outcome.ALREADY_GONE, "the rule was removed before this run revoked it"));
      }
    }
    if (!rest.isEmpty()) {
      if (rest.size() == batch.size()) {
        // EC2 claims a rule is missing that is still listed: do not loop; report it.
        rest.forEach(d -> out.add(d.with(Decision.Outcome.FAILED,
            "EC2 answered NotFound for rules it still lists; nothing in this group was revoked")));
      } else {
        out.addAll(revokeGroup(groupId, rest));
      }
    }
    return out;
  }

  /** After a failed call, re-reads which rules still exist so that the record says what is true. */
  private List<Decision> verify(String groupId, List<Decision> batch, String why) {
    Set<String> existing;
    try {
      existing = new LiveSecurityGroups(ec2, scope).existing(batch.stream().map(Decision::ruleId).toList());
    } catch (SdkException e) {
      return batch.stream().map(d -> d.with(Decision.Outcome.FAILED,
          why + "; whether the rule is still there is unknown (re-reading failed: " + e.getMessage() + ")")).toList();
    }
    return batch.stream().map(d -> existing.contains(d.ruleId())
        ? d.with(Decision.Outcome.FAILED, why + "; the rule is still in place")
        : d.with(Decision.Outcome.REVOKED, "revoked (confirmed by re-reading after: " + why + ")")).toList();
  }

  static String code(AwsServiceException e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
  }

  static String describe(AwsServiceException e) {
    String msg = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
    return code(e) + (msg == null ? "" : ": " + msg) + " (HTTP " + e.statusCode() + ")";
  }
}
