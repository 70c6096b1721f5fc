package io.deployguard.cli;

import io.deployguard.app.ConfigLoader;
import io.deployguard.app.ScanRunner;
import io.deployguard.app.Version;
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
import io.deployguard.policy.InputException;
import io.deployguard.policy.PolicyEngine;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.ScanError;
import io.deployguard.policy.ScanResult;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code deployguard remediate}: judges the live security-group rules of one or more regions with
 * the SG policy, and with {@code --apply} revokes the violating ingress rules (see {@link
 * Remediator} for the guarantees). Exit code 1 when violations were found, even if they were
 * revoked; 3 when AWS could not be read or a revocation failed.
 */
@Command(name = "remediate", mixinStandardHelpOptions = true, description = {
    "Judges live security-group rules and, with --apply, revokes the violating ingress rules.",
    "Changes nothing without --apply."})
public final class RemediateCommand extends ScanCommand {

  /**
   * Wiring: the SG policy for given port settings. The composition root's one place where the
   * security-group rules are chosen; tests replace it with a small policy of their own.
   */
  static Function<NetworkSettings, SecurityGroupPolicy> policyFactory = SecurityGroupPolicy::standard;

  /**
   * Wiring: the rules a Terraform plan declares, for {@code --plan}. Becomes the Terraform plan
   * reader once it is part of the build.
   */
  static Function<Path, List<SecurityGroupRule>> planReader = path -> {
    throw new ConfigException("--plan " + path + ": drift against a plan needs the Terraform plan reader,"
        + " which is not part of this build of deployguard");
  };

  @Mixin AwsOptions aws;
  @Mixin Options options;

  @Option(names = "--apply", description = "Revoke the violating ingress rules (default: dry run, nothing changes).")
  boolean apply;

  private Run run;

  @Override
  protected List<ScanRunner.Job> jobs(ConfigLoader.Loaded config) {
    run = new Run(aws, options, apply, config);
    return run.jobs();
  }

  @Override
  protected List<RuleMetadata> rules() {
    return run.rules();
  }

  @Override
  protected ScanResult annotate(ScanResult result, ConfigLoader.Loaded config) {
    return run.finish(result);
  }

  /** Where AWS is: regions, profile and endpoint, shared by every post-deploy command. */
  static final class AwsOptions {
    @Option(names = "--region", paramLabel = "REGION",
        description = "Region to check; repeatable (default: the configuration, then AWS_REGION or the profile's region).")
    List<String> regions = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "NAME", description = "Named AWS profile for credentials and region.")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL",
        description = "Send every AWS call to URL (an emulator or a VPC endpoint); AWS_ENDPOINT_URL works too.")
    URI endpoint;

    AwsClients clients() {
      return AwsClients.of(profile, endpoint);
    }

    List<String> regions(List<String> configured) {
      if (!regions.isEmpty()) {
        return List.copyOf(regions);
      }
      return configured.isEmpty() ? List.of(clients().defaultRegion()) : configured;
    }
  }

  /** What to remediate and how far to go; the configuration's {@code remediate:} fills the gaps. */
  static final class Options {
    @Option(names = "--group-id", paramLabel = "SG_ID", description = "Only this security group; repeatable.")
    List<String> groupIds = new ArrayList<>();

    @Option(names = "--vpc-id", paramLabel = "VPC_ID", description = "Only groups in this VPC; repeatable.")
    List<String> vpcIds = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Only groups with this tag (VALUE * = any); repeatable.")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--max-revocations", paramLabel = "N",
        description = "Never revoke more than N rules in one run (default: configuration, else 10).")
    Integer maxRevocations;

    @Option(names = "--notify", paramLabel = "TOPIC_ARN", description = "Publish one SNS message per run with violations.")
    String notify;

    @Option(names = "--audit", paramLabel = "FILE", description = "Write every decision to FILE as JSON.")
    Path audit;

    @Option(names = "--plan", paramLabel = "PLAN.json",
        description = "Also report live rules the plan does not declare (DRIFT001).")
    Path plan;
  }

  /** One remediation run: the jobs per region, then audit, notification and notes. */
  static final class Run {
    private final AwsOptions aws;
    private final Options options;
    private final boolean apply;
    private final ConfigLoader.Loaded config;
    private final RemediateSettings settings;
    private final SecurityGroupPolicy policy;
    private final List<SecurityGroupRule> declared;
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final List<RemediationReport> reports = new ArrayList<>();

    Run(AwsOptions aws, Options options, boolean apply, ConfigLoader.Loaded config) {
      this.aws = aws;
      this.options = options;
      this.apply = apply;
      this.config = config;
      this.settings = config.config().remediate();
      if (options.maxRevocations != null && options.maxRevocations < 0) {
        throw new ConfigException("--max-revocations: must be 0 or more, got " + options.maxRevocations);
      }
      String topic = topic();
      if (topic != null && topicRegion(topic) == null) {
        throw new ConfigException("--notify " + topic + ": not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)");
      }
      this.policy = policyFactory.apply(config.config().network());
      this.declared = options.plan == null ? null : planReader.apply(options.plan);
    }

    List<ScanRunner.Job> jobs() {
      List<ScanRunner.Job> jobs = new ArrayList<>();
      for (String region : aws.regions(settings.regions())) {
        jobs.add(new ScanRunner.Job("aws://" + region, () -> scan(region)));
      }
      return jobs;
    }

    List<RuleMetadata> rules() {
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
            options.groupIds.isEmpty() ? settings.groupIds() : options.groupIds,
            options.vpcIds.isEmpty() ? settings.vpcIds() : options.vpcIds,
            options.tags.isEmpty() ? settings.tags() : options.tags);
        List<SecurityGroupRule> live = new LiveSecurityGroups(ec2, scope).read(selection);
        List<Finding> raw = policy.evaluate(live);
        // Waivers and severity overrides decide what counts; the baseline only hides old findings from reports.
        List<Finding> judged = new PolicyEngine(config.policy(), Baseline.NONE, today).apply(raw);
        int max = options.maxRevocations != null ? options.maxRevocations : settings.maxRevocations();
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
        throw awsFailure("aws://" + region, e);
      }
    }

    ScanResult finish(ScanResult result) {
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
      if (options.audit != null) {
        try {
          AuditRecord.of("deployguard " + Version.get(), Instant.now(), null, reports).write(options.audit);
          notes.add(new ScanResult.Note("audit record", options.audit.toString()));
        } catch (IOException e) {
          errors.add(new ScanError(options.audit.toString(), "", "cannot write the audit record: " + e.getMessage(),
              "check that the folder is writable"));
        }
      }
      String topic = topic();
      if (topic != null) {
        try (var sns = aws.clients().sns(topicRegion(topic))) {
          String id = new SnsNotifier(sns, topic).publish(reports, null);
          notes.add(new ScanResult.Note("notification", id == null ? "nothing to notify " + topic
              : "published message " + id + " to " + topic));
        } catch (SdkException e) {
          InputException ie = awsFailure(topic, e);
          errors.add(ScanError.of(ie));
        }
      }
      return new ScanResult(result.toolVersion(), result.inputs(), result.rules(), result.findings(), errors,
          result.failOn(), notes);
    }

    private String topic() {
      return options.notify != null ? options.notify : settings.notifyTopic();
    }
  }

  /** {@code us-east-1} of {@code arn:aws:sns:us-east-1:123456789012:name}, or {@code null}. */
  static String topicRegion(String arn) {
    String[] p = arn.split(":", 6);
    return p.length == 6 && p[0].equals("arn") && p[2].equals("sns") && !p[3].isEmpty() ? p[3] : null;
  }

  /** An AWS failure as an input error naming the scope, the call and what to do. */
  static InputException awsFailure(String input, SdkException e) {
    if (e instanceof AwsServiceException ase) {
      String code = ase.awsErrorDetails() == null ? "" : ase.awsErrorDetails().errorCode();
      String msg = ase.awsErrorDetails() == null ? ase.getMessage() : ase.awsErrorDetails().errorMessage();
      String op = ase.awsErrorDetails() == null ? "" : ase.awsErrorDetails().serviceName();
      boolean denied = ase.statusCode() == 403 || "UnauthorizedOperation".equals(code) || String.valueOf(code).contains("AccessDenied")
          || String.valueOf(code).contains("Authorization");
      return new InputException(input, op, code + ": " + msg + " (HTTP " + ase.statusCode() + ")",
          denied ? "grant the actions of examples/iam/remediate.json to these credentials"
              : "check the credentials, the region and --endpoint-url, then run again", e);
    }
    return new InputException(input, "", String.valueOf(e.getMessage()),
        "check the credentials (--profile, AWS_PROFILE), the region and --endpoint-url, then run again", e);
  }
}
