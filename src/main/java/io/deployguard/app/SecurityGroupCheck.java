package io.deployguard.app;

import io.deployguard.aws.AuditLog;
import io.deployguard.aws.AwsClients;
import io.deployguard.aws.AwsRules;
import io.deployguard.aws.AwsScope;
import io.deployguard.aws.Deadline;
import io.deployguard.aws.Decision;
import io.deployguard.aws.DecisionTable;
import io.deployguard.aws.Drift;
import io.deployguard.aws.LiveSecurityGroups;
import io.deployguard.aws.RemediateSettings;
import io.deployguard.aws.RemediationReport;
import io.deployguard.aws.Remediator;
import io.deployguard.aws.SecurityGroupPolicy;
import io.deployguard.aws.SnsNotifier;
import io.deployguard.network.NetworkSettings;
import io.deployguard.network.SecurityGroupRule;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.Finding;
import io.deployguard.policy.InputException;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.ScanError;
import io.deployguard.policy.ScanResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The security-group part of a post-deploy check (one target's remediation), in three named steps: <b>read</b> (a job per target, an account in a
 * region: the live rules and the SG policy's raw findings, nothing decided), then, once the run's
 * policy has judged every finding, <b>decide</b> ({@link DecisionTable}: the one place that says
 * what is revoked, exempt, waived or left open by the limit) and <b>act</b> ({@link Remediator},
 * only with apply). Then the report notes per target, the SNS notification (only with apply; a
 * dry run shows what would be published) and the audit record, which is rewritten after every
 * call. Options of the request win over the configuration's {@code remediate:} section.
 */
final class SecurityGroupCheck implements Postdeploy.Check {
  private final Postdeploy.Aws aws;
  /** Built once for the check; each target's EC2 client is opened once, by the read step. */
  private final AwsClients clients;
  private final Postdeploy.SecurityGroupChecks options;
  private final boolean apply;
  private final RemediateSettings settings;
  private final SecurityGroupPolicy policy;
  private final List<SecurityGroupRule> declared;
  private final Path audit;
  private final LocalDate today;
  private final Deadline deadline;
  private DecisionTable.Settings decide;
  private int revocations;
  private final AuditLog log;
  /**
   * What the read step found, per target, in the order read. The jobs run one after another, on
   * one thread (an organisation run's pool hands each target's check to one thread, and its
   * result to {@link #finish} through a future), so neither map needs a lock.
   */
  private final Map<String, Target> targets = new LinkedHashMap<>();
  /** Job input ({@code aws://REGION}) -> the target's input once its account is known, for one section per target. */
  private final Map<String, String> inputNames = new LinkedHashMap<>();

  /** A target read: its live rules, and its EC2 client, kept open for the act step and closed by {@link #finish}. */
  private record Target(String region, AwsScope scope, List<SecurityGroupRule> rules, Ec2Client ec2) {}

  /**
   * @param policy the SG policy for the configuration's port settings
   * @param declared the rules the request's plan declares, read when needed; {@code null} for
   *     no drift check
   * @param audit where the audit record goes (resolved), or {@code null}
   * @param deadline the run's overall deadline
   * @throws ConfigException when the notification topic is not an SNS topic ARN, or the plan
   *     cannot be used
   */
  SecurityGroupCheck(Postdeploy.Aws aws, Postdeploy.SecurityGroupChecks options, boolean apply, ConfigLoader.Loaded config,
      Function<NetworkSettings, SecurityGroupPolicy> policy, Supplier<List<SecurityGroupRule>> declared,
      Path audit, LocalDate today, Deadline deadline) {
    this.aws = aws;
    this.clients = aws.clients();
    this.options = options;
    this.apply = apply;
    this.settings = config.config().remediate();
    this.audit = audit;
    this.today = today;
    this.deadline = deadline;
    String topic = topic();
    if (topic != null && AwsFailures.topicRegion(topic) == null) {
      throw new ConfigException("--notify " + topic + ": not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)");
    }
    this.policy = policy.apply(config.config().network());
    this.declared = declared == null ? null : List.copyOf(declared.get());
    int max = options.maxRevocations() != null ? options.maxRevocations() : settings.maxRevocations();
    this.decide = new DecisionTable.Settings(settings.revokeAtSeverity(), settings.exemptTag(), max);
    this.log = new AuditLog(audit, "deployguard " + Version.get(), null, apply, max, Clock.systemUTC());
  }

  @Override
  public List<ScanRunner.Job> jobs() {
    List<ScanRunner.Job> jobs = new ArrayList<>();
    for (String region : aws.regions(settings.regions())) {
      jobs.add(new ScanRunner.Job("aws://" + region, () -> read(region)));
    }
    return jobs;
  }

  @Override
  public List<RuleMetadata> rules() {
    List<RuleMetadata> r = new ArrayList<>(policy.rules());
    r.add(AwsRules.REM001);
    r.add(AwsRules.REM002);
    if (declared != null) {
      r.add(AwsRules.DRIFT001);
    }
    return r;
  }

  /** The read step of one region: its rules and their raw findings; decides nothing. */
  private List<Finding> read(String region) {
    String input = "aws://" + region;
    String account = null;
    Ec2Client ec2 = clients.ec2(region);
    try {
      deadline.check(input, "GetCallerIdentity");
      try (var sts = clients.sts(region)) {
        account = sts.getCallerIdentity().account();
      }
      AwsScope scope = new AwsScope(region, account);
      inputNames.put(input, scope.input());
      LiveSecurityGroups.Selection selection = new LiveSecurityGroups.Selection(
          options.groupIds().isEmpty() ? settings.groupIds() : options.groupIds(),
          options.vpcIds().isEmpty() ? settings.vpcIds() : options.vpcIds(),
          options.tags().isEmpty() ? settings.tags() : options.tags());
      List<SecurityGroupRule> live = new LiveSecurityGroups(ec2, scope, deadline).read(selection);
      targets.put(region, new Target(region, scope, live, ec2));
      List<Finding> out = new ArrayList<>(policy.evaluate(live));
      out.addAll(DecisionTable.staleExemptions(live, out, settings.exemptTag(), today));
      if (declared != null) {
        Drift.Result drift = Drift.compare(live, declared);
        out = new ArrayList<>(drift.markDeclared(out));
        out.addAll(drift.findings());
      }
      return out;
    } catch (SdkException e) {
      ec2.close();
      InputException x = AwsFailures.of(account == null ? input : new AwsScope(region, account).input(), e);
      log.failed(region, account, x.getMessage());
      throw x;
    } catch (InputException e) {
      ec2.close();
      log.failed(region, account, e.getMessage());
      throw e;
    }
  }

  /** The decide and act steps for every target read, then notes, notification and audit record. */
  @Override
  public ScanResult finish(ScanResult result) {
    List<ScanError> errors = new ArrayList<>(result.errors());
    List<ScanResult.Note> notes = new ArrayList<>(result.notes());
    List<Finding> findings = new ArrayList<>(result.findings());
    List<String> inputs = new ArrayList<>(result.inputs());
    List<RemediationReport> reports = new ArrayList<>();
    for (Target t : targets.values()) {
      String input = t.scope().input();
      List<Finding> own = findings.stream().filter(f -> f.location().input().equals(input)).toList();
      DecisionTable.Plan plan = DecisionTable.decide(t.scope(), t.rules(), own, decide, today);
      revocations += plan.toRevoke().size();
      RemediationReport report = act(t, plan);
      reports.add(report);
      findings.removeAll(own);
      findings.addAll(report.annotate(own));
      report.limitFinding().ifPresent(findings::add);
      List<String> lines = new ArrayList<>();
      lines.add(report.summary());
      report.outcomeLines().forEach(l -> lines.add("- " + l));
      if (report.limitLine() != null) {
        lines.add(report.limitLine());
      }
      notes.add(new ScanResult.Note("remediation " + input, String.join("\n", lines)));
      for (Decision d : report.decisions()) {
        if (d.outcome() == Decision.Outcome.FAILED) {
          errors.add(new ScanError(input, d.ruleId(), d.reason(),
              "run again; see the audit record (--audit) for every decision"));
        }
      }
    }
    targets.values().forEach(t -> t.ec2().close());
    // One section per target: the jobs were named before their accounts were known.
    inputs.replaceAll(i -> inputNames.getOrDefault(i, i));
    notify(reports, notes, errors);
    log.finish();
    if (audit != null) {
      if (log.writeError() != null) {
        errors.add(new ScanError(audit.toString(), "", log.writeError(), "check that the folder is writable"));
      } else {
        notes.add(new ScanResult.Note("audit record", audit.toString()));
      }
    }
    return new ScanResult(result.toolVersion(), inputs, result.rules(), findings, errors, result.failOn(), notes);
  }

  @Override
  public void limitRevocations(int max) {
    decide = new DecisionTable.Settings(decide.revokeAt(), decide.exemptTag(), Math.min(max, decide.maxRevocations()));
  }

  @Override
  public int revocations() {
    return revocations;
  }

  private RemediationReport act(Target t, DecisionTable.Plan plan) {
    if (!apply || plan.toRevoke().isEmpty()) {
      RemediationReport r = new Remediator(null, t.scope(), deadline, log::update).carryOut(plan, apply);
      log.update(r);
      return r;
    }
    return new Remediator(t.ec2(), t.scope(), deadline, log::update).carryOut(plan, true);
  }

  private void notify(List<RemediationReport> reports, List<ScanResult.Note> notes, List<ScanError> errors) {
    String topic = topic();
    if (topic == null) {
      return;
    }
    if (!apply) {
      notes.add(new ScanResult.Note("notification", SnsNotifier.preview(reports, topic)));
      return;
    }
    try (var sns = clients.sns(AwsFailures.topicRegion(topic))) {
      deadline.check(topic, "Publish");
      String id = new SnsNotifier(sns, topic).publish(reports, null);
      notes.add(new ScanResult.Note("notification", id == null ? "nothing to notify " + topic
          : "published message " + id + " to " + topic));
    } catch (SdkException e) {
      errors.add(ScanError.of(AwsFailures.of(topic, e)));
    } catch (InputException e) {
      errors.add(ScanError.of(e));
    }
  }

  private String topic() {
    return options.notifyTopic() != null ? options.notifyTopic() : settings.notifyTopic();
  }
}
