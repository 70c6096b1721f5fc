package io.deployguard.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressResponse;

/**
 * Carries out a {@link DecisionTable.Plan} of one target: with {@code apply}, revokes its {@code
 * would-revoke} rules; without it, calls nothing at all.
 *
 * <p>The contract users rely on: permission is first checked with {@code DryRun=true} (a refusal
 * names the missing IAM action and revokes nothing; an endpoint that answers anything but {@code
 * DryRunOperation} stops the run, and the rule is read back and recorded as it is); rules are
 * revoked by {@code SecurityGroupRuleIds}, one call per group, groups in the order of their worst
 * rule; a failing group does not stop the others; a rule that is already gone ({@code
 * InvalidSecurityGroupRuleId.NotFound}) is recorded as gone, not as a failure; after any other
 * failure, or an answer that was lost, the rules are read back so that the record says what is
 * true. Retries are the SDK's ({@link AwsClients}): there is no loop around them here. The
 * deadline is checked before every call; after each call {@code progress} gets the report so far
 * (the audit record is rewritten from it).
 */
public final class Remediator {

  /** The EC2 action that revocation needs; named in permission errors. */
  public static final String REVOKE_ACTION = "ec2:RevokeSecurityGroupIngress";
  private static final String READ_ACTION = "ec2:DescribeSecurityGroupRules";

  private static final Set<String> NOT_FOUND = Set.of(
      "InvalidPermission.NotFound", "InvalidSecurityGroupRuleId.NotFound", "InvalidGroup.NotFound");

  private final Ec2Client ec2;
  private final AwsScope scope;
  private final Deadline deadline;
  private final Consumer<RemediationReport> progress;

  private Map<String, Decision> decisions;
  private final List<RemediationReport.Call> calls = new ArrayList<>();
  private String error;
  private DecisionTable.Plan plan;

  public Remediator(Ec2Client ec2, AwsScope scope, Deadline deadline, Consumer<RemediationReport> progress) {
    this.ec2 = ec2;
    this.scope = scope;
    this.deadline = deadline;
    this.progress = progress;
  }

  /**
   * Acts on {@code plan} (or, without {@code apply}, only reports it).
   *
   * @throws Deadline.Exceeded never: a passed deadline leaves the remaining rules {@code failed}
   *     ("not attempted") and is the report's {@code error}
   */
  public RemediationReport carryOut(DecisionTable.Plan plan, boolean apply) {
    this.plan = plan;
    decisions = new LinkedHashMap<>();
    plan.decisions().forEach(d -> decisions.put(d.ruleId(), d));
    if (!apply || plan.toRevoke().isEmpty()) {
      return report(apply);
    }
    Map<String, List<Decision>> byGroup = new LinkedHashMap<>();
    for (Decision d : plan.toRevoke()) {
      byGroup.computeIfAbsent(d.groupId(), k -> new ArrayList<>()).add(d);
    }
    try {
      if (permitted(plan.toRevoke().get(0))) {
        for (Map.Entry<String, List<Decision>> g : byGroup.entrySet()) {
          deadline.check(scope.input(), "RevokeSecurityGroupIngress of group " + g.getKey());
          revokeGroup(g.getKey(), g.getValue());
          progress.accept(report(true));
        }
      }
    } catch (Deadline.Exceeded e) {
      error = e.problem();
    }
    if (error != null) {
      for (Decision d : plan.toRevoke()) {
        if (decisions.get(d.ruleId()).outcome() == Decision.Outcome.WOULD_REVOKE) {
          decisions.put(d.ruleId(), d.with(Decision.Outcome.FAILED, "not attempted: " + error));
        }
      }
    }
    RemediationReport r = report(true);
    progress.accept(r);
    return r;
  }

  private RemediationReport report(boolean applied) {
    RemediationReport planned = plan.unapplied();
    return new RemediationReport(scope, applied, planned.maxRevocations(), planned.limitReached(),
        new ArrayList<>(decisions.values()), error, planned.worstLeftOpen(), calls);
  }

  /** Whether EC2 says the revocation would succeed; otherwise {@link #error} says why not. */
  private boolean permitted(Decision first) {
    deadline.check(scope.input(), "the DryRun permission check of RevokeSecurityGroupIngress");
    try {
      ec2.revokeSecurityGroupIngress(r -> r.dryRun(true).groupId(first.groupId())
          .securityGroupRuleIds(first.ruleId()));
      call(true, first.groupId(), List.of(first.ruleId()), "succeeded instead of answering DryRunOperation");
      error = "the DryRun permission check of RevokeSecurityGroupIngress succeeded instead of answering"
          + " DryRunOperation; stopping rather than trusting an endpoint that ignores DryRun";
      // The endpoint may really have revoked the rule: record what is there now.
      readBack(first.groupId(), List.of(first), "the DryRun permission check was not honoured");
      progress.accept(report(true));
      return false;
    } catch (AwsServiceException e) {
      String code = AwsErrors.code(e);
      call(true, first.groupId(), List.of(first.ruleId()), AwsErrors.describe(e));
      if ("DryRunOperation".equals(code)) {
        return true;
      }
      error = permissionCheckFailed(e);
    } catch (SdkException e) {
      call(true, first.groupId(), List.of(first.ruleId()), String.valueOf(e.getMessage()));
      error = permissionCheckFailed(e);
    }
    progress.accept(report(true));
    return false;
  }

  /** What the refused or failed DryRun check means and what to do, as every AWS failure is explained. */
  private static String permissionCheckFailed(SdkException e) {
    AwsErrors.Explained x = AwsErrors.explain(e, "examples/iam/remediate.json", REVOKE_ACTION);
    return "permission check of " + REVOKE_ACTION + " failed: " + x.problem() + "; " + x.hint();
  }

  private void revokeGroup(String groupId, List<Decision> batch) {
    List<String> ids = batch.stream().map(Decision::ruleId).toList();
    try {
      RevokeSecurityGroupIngressResponse resp =
          ec2.revokeSecurityGroupIngress(r -> r.groupId(groupId).securityGroupRuleIds(ids));
      if (Boolean.FALSE.equals(resp.returnValue())) {
        call(false, groupId, ids, "Return=false");
        readBack(groupId, batch, "EC2 answered Return=false");
        return;
      }
      call(false, groupId, ids, "ok");
      batch.forEach(d -> put(d, Decision.Outcome.REVOKED, "revoked: " + d.reason()));
    } catch (AwsServiceException e) {
      call(false, groupId, ids, AwsErrors.describe(e));
      if (NOT_FOUND.contains(AwsErrors.code(e))) {
        // NotFound on a retry: an earlier attempt most likely revoked the rules and its answer was lost.
        alreadyGone(groupId, batch, e.numAttempts() != null && e.numAttempts() > 1);
      } else {
        readBack(groupId, batch, "RevokeSecurityGroupIngress failed: " + AwsErrors.describe(e));
      }
    } catch (SdkException e) {
      call(false, groupId, ids, String.valueOf(e.getMessage()));
      readBack(groupId, batch, "RevokeSecurityGroupIngress failed: " + e.getMessage());
    }
  }

  /**
   * A batch names a rule that is gone: the gone ones are recorded, the rest revoked once more.
   *
   * @param retried whether EC2 said so to a retried call, after an attempt whose answer was lost
   */
  private void alreadyGone(String groupId, List<Decision> batch, boolean retried) {
    Set<String> existing = existing(groupId, batch);
    if (existing == null) {
      batch.forEach(d -> put(d, Decision.Outcome.FAILED,
          "EC2 said a rule of the batch is gone, and reading the rules back failed"));
      return;
    }
    List<Decision> rest = new ArrayList<>();
    for (Decision d : batch) {
      if (existing.contains(d.ruleId())) {
        rest.add(d);
      } else if (retried) {
        put(d, Decision.Outcome.REVOKED, "revoked: the answer to an attempt was lost, its retry found the rule gone,"
            + " and reading back confirms it (" + d.reason() + ")");
      } else {
        put(d, Decision.Outcome.ALREADY_GONE, "the rule was removed before this run revoked it");
      }
    }
    if (rest.size() == batch.size()) {
      // EC2 claims a rule is missing that is still listed: do not loop; report it.
      rest.forEach(d -> put(d, Decision.Outcome.FAILED,
          "EC2 answered NotFound for rules it still lists; nothing in this group was revoked"));
    } else if (!rest.isEmpty()) {
      deadline.check(scope.input(), "RevokeSecurityGroupIngress of group " + groupId);
      revokeGroup(groupId, rest);
    }
  }

  /** After a failed or lost call, reads back which rules still exist, so that the record says what is true. */
  private void readBack(String groupId, List<Decision> batch, String why) {
    Set<String> existing = existing(groupId, batch);
    for (Decision d : batch) {
      if (existing == null) {
        put(d, Decision.Outcome.FAILED, why + "; whether the rule is still there is unknown (reading it back failed)");
      } else if (existing.contains(d.ruleId())) {
        put(d, Decision.Outcome.FAILED, why + "; the rule is still in place");
      } else {
        put(d, Decision.Outcome.REVOKED, "revoked (confirmed by reading back after: " + why + ")");
      }
    }
  }

  /** The ids of {@code batch} that still exist, or {@code null} when reading them failed. */
  private Set<String> existing(String groupId, List<Decision> batch) {
    List<String> ids = batch.stream().map(Decision::ruleId).toList();
    try {
      Set<String> out = new LiveSecurityGroups(ec2, scope, deadline).existing(ids);
      call(false, READ_ACTION, groupId, ids, "ok: " + out.size() + " of " + ids.size() + " still there");
      return out;
    } catch (SdkException e) {
      call(false, READ_ACTION, groupId, ids, String.valueOf(e.getMessage()));
      return null;
    } catch (Deadline.Exceeded e) {
      // The revoke was made; only reading it back is cut off. Later groups are not attempted.
      error = e.problem();
      return null;
    }
  }

  private void put(Decision d, Decision.Outcome o, String why) {
    decisions.put(d.ruleId(), d.with(o, why));
  }

  private void call(boolean dryRun, String groupId, List<String> ids, String result) {
    call(dryRun, REVOKE_ACTION, groupId, ids, result);
  }

  private void call(boolean dryRun, String action, String groupId, List<String> ids, String result) {
    calls.add(new RemediationReport.Call(action, dryRun, groupId, ids, result));
  }
}
