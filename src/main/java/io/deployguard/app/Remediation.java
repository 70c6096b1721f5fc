package io.deployguard.app;

import io.deployguard.aws.AuditRecord;
import io.deployguard.aws.AwsClients;
import io.deployguard.aws.AwsRules;
import io.deployguard.aws.AwsScope;
import io.deployguard.aws.Decision;
import io.deployguard.aws.Drift;
import io.deployguard.aws.LiveSecurityGroups;
import io.deployguard.aws.RemediateSettings;
import io.deployguard.aws.RemediationReport;
import io.deployguard.aws.Remediator;
import io.deployguard.aws.SecurityGroupPolicy;
import io.deployguard.aws.SnsNotifier;
import io.deployguard.network.NetworkSettings;
import io.deployguard.network.SecurityGroupRule;
import io.deployguard.policy.Baseline;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.Finding;
import io.deployguard.policy.PolicyEngine;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.ScanError;
import io.deployguard.policy.ScanResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * One remediation run: a job per region that reads the live rules, judges them and (with apply)
 * revokes the violating ones; then the audit record, the SNS notification and the notes. Options
 * of the request win over the configuration's {@code remediate:} section.
 */
final class Remediation implements Postdeploy.Check {
  private final Postdeploy.Aws aws;
  private final Postdeploy.SecurityGroupChecks options;
  private final boolean apply;
  private final ConfigLoader.Loaded config;
  private final RemediateSettings settings;
  private final SecurityGroupPolicy policy;
  private final List<SecurityGroupRule> declared;
  private final Path audit;
  private final LocalDate today;
  private final List<RemediationReport> reports = new ArrayList<>();

  /**
   * @param policy the SG policy for the configuration's port settings
   * @param declared the rules the request's plan declares, read when needed; {@code null} for
   *     no drift check
   * @param audit where the audit record goes (resolved), or {@code null}
   * @throws ConfigException when the notification topic is not an SNS topic ARN, or the plan
   *     cannot be used
   */
  Remediation(Postdeploy.Aws aws, Postdeploy.SecurityGroupChecks options, boolean apply, ConfigLoader.Loaded config,
      Function<NetworkSettings, SecurityGroupPolicy> policy, Supplier<List<SecurityGroupRule>> declared,
      Path audit, LocalDate today) {
    this.aws = aws;
    this.options = options;
    this.apply = apply;
    this.config = config;
    this.settings = config.config().remediate();
    this.audit = audit;
    this.today = today;
    String topic = topic();
    if (topic != null && AwsFailures.topicRegion(topic) == null) {
      throw new ConfigException("--notify " + topic + ": not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)");
    }
    this.policy = policy.apply(config.config().network());
    this.declared = declared == null ? null : List.copyOf(declared.get());
  }

  @Override
  public List<ScanRunner.Job> jobs() {
    List<ScanRunner.Job> jobs = new ArrayList<>();
    for (String region : aws.regions(settings.regions())) {
      jobs.add(new ScanRunner.Job("aws://" + region, () -> scan(region)));
    }
    return jobs;
  }

  @Override
  public List<RuleMetadata> rules() {
    List<RuleMetadata> r = new ArrayList<>(policy.rules());
    if (declared != null) {
      r.add(AwsRules.DRIFT001);
    }
    return r;
  }

  private List<Finding> scan(String region) {
    AwsClients clients = aws.clients();
    try (Ec2Client ec2 = clients.ec2(region)) {
      String account;
      try (var sts = clients.sts(region)) {
        account = sts.getCallerIdentity().account();
      }
      AwsScope scope = new AwsScope(region, account);
      LiveSecurityGroups.Selection selection = new LiveSecurityGroups.Selection(
          options.groupIds().isEmpty() ? settings.groupIds() : options.groupIds(),
          options.vpcIds().isEmpty() ? settings.vpcIds() : options.vpcIds(),
          options.tags().isEmpty() ? settings.tags() : options.tags());
      List<SecurityGroupRule> live = new LiveSecurityGroups(ec2, scope).read(selection);
      List<Finding> raw = policy.evaluate(live);
      // Waivers and severity overrides decide what counts; the baseline only hides old findings from reports.
      List<Finding> judged = new PolicyEngine(config.policy(), Baseline.NONE, today).apply(raw);
      int max = options.maxRevocations() != null ? options.maxRevocations() : settings.maxRevocations();
      RemediationReport report = new Remediator(ec2, scope,
          Remediator.Options.of(apply, max, settings.revokeAtSeverity(), settings.exemptTag()), Remediator.Sleeper.REAL)
          .remediate(live, judged, today);
      synchronized (reports) {
        reports.add(report);
      }
      List<Finding> out = report.annotate(raw);
      if (declared != null) {
        Drift.Result drift = Drift.compare(live, declared);
        out = new ArrayList<>(drift.markDeclared(out));
        out.addAll(drift.findings());
      }
      return out;
    } catch (SdkException e) {
      throw AwsFailures.of("aws://" + region, e);
    }
  }

  @Override
  public ScanResult finish(ScanResult result) {
    List<ScanError> errors = new ArrayList<>(result.errors());
    List<ScanResult.Note> notes = new ArrayList<>(result.notes());
    for (RemediationReport r : reports) {
      notes.add(new ScanResult.Note("remediation " + r.scope().region(), r.summary()));
      for (Decision d : r.decisions()) {
        if (d.outcome() == Decision.Outcome.FAILED) {
          errors.add(new ScanError(r.scope().input(), d.ruleId(), d.reason(),
              "run again; see the audit record (--audit) for every decision"));
        }
      }
    }
    if (audit != null) {
      try {
        AuditRecord.of("deployguard " + Version.get(), Instant.now(), null, reports).write(audit);
        notes.add(new ScanResult.Note("audit record", audit.toString()));
      } catch (IOException e) {
        errors.add(new ScanError(audit.toString(), "", "cannot write the audit record: " + e.getMessage(),
            "check that the folder is writable"));
      }
    }
    String topic = topic();
    if (topic != null) {
      try (var sns = aws.clients().sns(AwsFailures.topicRegion(topic))) {
        String id = new SnsNotifier(sns, topic).publish(reports, null);
        notes.add(new ScanResult.Note("notification", id == null ? "nothing to notify " + topic
            : "published message " + id + " to " + topic));
      } catch (SdkException e) {
        errors.add(ScanError.of(AwsFailures.of(topic, e)));
      }
    }
    return new ScanResult(result.toolVersion(), result.inputs(), result.rules(), result.findings(), errors,
        result.failOn(), notes);
  }

  private String topic() {
    return options.notifyTopic() != null ? options.notifyTopic() : settings.notifyTopic();
  }
}
