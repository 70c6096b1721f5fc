package io.deployguard.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deployguard.app.AwsFailures;
import io.deployguard.app.ConfigLoader;
import io.deployguard.app.Scan;
import io.deployguard.app.ScanOptions;
import io.deployguard.app.ScanRun;
import io.deployguard.app.ScanRunner;
import io.deployguard.aws.AuditRecord;
import io.deployguard.aws.AwsClients;
import io.deployguard.aws.AwsScope;
import io.deployguard.aws.Deadline;
import io.deployguard.aws.Decision;
import io.deployguard.aws.DecisionTable;
import io.deployguard.aws.LiveSecurityGroups;
import io.deployguard.aws.RemediateSettings;
import io.deployguard.aws.RemediationReport;
import io.deployguard.aws.Remediator;
import io.deployguard.aws.SecurityGroupEvent;
import io.deployguard.aws.SecurityGroupPolicy;
import io.deployguard.aws.SnsNotifier;
import io.deployguard.network.SecurityGroupRule;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.Finding;
import io.deployguard.policy.InputException;
import io.deployguard.policy.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The Lambda entry point ({@code io.deployguard.lambda.SecurityGroupEventHandler::handleRequest})
 * for EventBridge CloudTrail events of {@code AuthorizeSecurityGroupIngress} and {@code
 * ModifySecurityGroupRules}: reads the rules the event names as they are now, judges them with
 * the SG policy, revokes the violating ingress ones (exemptions and the limit honoured, as in
 * {@code deployguard remediate --apply}), publishes one SNS message naming the principal, and
 * logs one JSON line per decision to standard output (CloudWatch Logs).
 *
 * <p>Configuration from the environment: {@code DEPLOYGUARD_CONFIG} (a {@code deployguard.yml}
 * in the package, optional: network ports, waivers, {@code remediate:}), {@code
 * DEPLOYGUARD_TOPIC_ARN}, {@code DEPLOYGUARD_MAX_REVOCATIONS} (default 10), {@code
 * DEPLOYGUARD_DRY_RUN} ({@code true}: log only; nothing is revoked or published, the log says what
 * would be), {@code DEPLOYGUARD_REVOKE_AT} (default high);
 * {@code DEPLOYGUARD_MEMBER_ROLE} (a central account's Lambda: the role assumed in the account each
 * event names, see {@link MemberAccounts}; SNS stays in the Lambda's own account);
 * the region and credentials come from the Lambda runtime. A malformed event fails the
 * invocation with a message naming the place in the event, and revokes nothing.
 */
public final class SecurityGroupEventHandler implements RequestStreamHandler {

  /** One mapper for the result and every log line: a mapper is safe to share once configured, and costly to build. */
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The handler's configuration.
   *
   * @param config the loaded {@code deployguard.yml} (the defaults when none is given)
   * @param topicArn SNS topic, or {@code null}
   * @param maxRevocations blast-radius limit per event
   * @param dryRun report only
   * @param revokeAt severity at which a rule is revoked
   */
  public record Settings(ConfigLoader.Loaded config, String topicArn, int maxRevocations, boolean dryRun, Severity revokeAt) {

    /** @throws ConfigException when {@code topicArn} names no region to publish in */
    public Settings {
      if (topicArn != null && AwsFailures.topicRegion(topicArn) == null) {
        throw new ConfigException("DEPLOYGUARD_TOPIC_ARN: '" + topicArn + "' is not an SNS topic ARN; give"
            + " arn:aws:sns:REGION:ACCOUNT:NAME");
      }
    }

    /** Reads the environment described on the handler. */
    public static Settings fromEnvironment(Map<String, String> env) {
      String file = env.get("DEPLOYGUARD_CONFIG");
      ConfigLoader.Loaded config = file == null || file.isBlank() ? ConfigLoader.defaults() : ConfigLoader.load(Path.of(file));
      RemediateSettings r = config.config().remediate();
      String topic = blankToNull(env.getOrDefault("DEPLOYGUARD_TOPIC_ARN", r.notifyTopic()));
      int max = r.maxRevocations();
      String maxText = env.get("DEPLOYGUARD_MAX_REVOCATIONS");
      if (maxText != null && !maxText.isBlank()) {
        try {
          max = Integer.parseInt(maxText.trim());
        } catch (NumberFormatException e) {
          throw new ConfigException("DEPLOYGUARD_MAX_REVOCATIONS: '" + maxText + "' is not a number");
        }
        if (max < 0) {
          throw new ConfigException("DEPLOYGUARD_MAX_REVOCATIONS: '" + maxText + "' is below 0; give 0 (revoke"
              + " nothing) or more");
        }
      }
      String dry = env.getOrDefault("DEPLOYGUARD_DRY_RUN", "false").trim();
      if (!dry.equals("true") && !dry.equals("false")) {
        throw new ConfigException("DEPLOYGUARD_DRY_RUN: '" + dry + "' is not true or false");
      }
      Severity at;
      try {
        at = Severity.parse(env.getOrDefault("DEPLOYGUARD_REVOKE_AT", r.revokeAt()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("DEPLOYGUARD_REVOKE_AT: " + e.getMessage());
      }
      return new Settings(config, topic, max, Boolean.parseBoolean(dry), at);
    }

    private static String blankToNull(String s) {
      return s == null || s.isBlank() ? null : s;
    }
  }

  private final Settings settings;
  private final Function<AwsScope, Ec2Client> ec2;
  private final Function<String, SnsClient> sns;
  private final SecurityGroupPolicy policy;
  private final String iamPolicy;

  /** The runtime's constructor: configuration from the environment, SG001-SG010 as the policy. */
  public SecurityGroupEventHandler() {
    this(Settings.fromEnvironment(System.getenv()), AwsClients.of(null, null));
  }

  private SecurityGroupEventHandler(Settings settings, AwsClients clients) {
    this(MemberAccounts.fromEnvironment(System.getenv(), clients, cached(clients::ec2)), settings,
        cached(clients::sns), SecurityGroupPolicy.standard(settings.config().config().network()),
        MemberAccounts.iamPolicy(System.getenv()));
  }

  /** One client per region for the life of the execution environment, reused across invocations. */
  private static <T> Function<String, T> cached(Function<String, T> make) {
    Map<String, T> cache = new java.util.concurrent.ConcurrentHashMap<>();
    return region -> cache.computeIfAbsent(region, make);
  }

  /** Wires everything explicitly (tests, other runtimes). */
  public SecurityGroupEventHandler(Settings settings, Function<String, Ec2Client> ec2, Function<String, SnsClient> sns,
      SecurityGroupPolicy policy) {
    this(scope -> ec2.apply(scope.region()), settings, sns, policy, MemberAccounts.OWN_POLICY);
  }

  /**
   * A handler that acts in the account each event names, with the EC2 client {@code ec2} gives
   * for it (a central account's Lambda: {@link MemberAccounts}); SNS stays in its own account.
   */
  public static SecurityGroupEventHandler acrossAccounts(Settings settings, Function<AwsScope, Ec2Client> ec2,
      Function<String, SnsClient> sns, SecurityGroupPolicy policy) {
    return new SecurityGroupEventHandler(ec2, settings, sns, policy, MemberAccounts.CENTRAL_POLICY);
  }

  /** @param iamPolicy the IAM policy a refused call asks to grant */
  private SecurityGroupEventHandler(Function<AwsScope, Ec2Client> ec2, Settings settings,
      Function<String, SnsClient> sns, SecurityGroupPolicy policy, String iamPolicy) {
    this.settings = settings;
    this.ec2 = ec2;
    this.sns = sns;
    this.policy = policy;
    this.iamPolicy = iamPolicy;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    // Stop starting calls 5 s before the runtime would kill the invocation, so the log says what was done.
    Deadline deadline = context == null ? Deadline.none()
        : Deadline.in(java.time.Duration.ofMillis(Math.max(1000, context.getRemainingTimeInMillis() - 5000L)));
    Map<String, Object> result = handle(input.readAllBytes(), System.out, deadline);
    output.write(JSON.writeValueAsBytes(result));
  }

  /**
   * Handles one event, logging to {@code log}.
   *
   * @return the summary returned to the caller
   * @throws InputException for a malformed event (logged first); nothing is revoked
   */
  public Map<String, Object> handle(byte[] event, PrintStream log) {
    return handle(event, log, Deadline.none());
  }

  private Map<String, Object> handle(byte[] event, PrintStream log, Deadline deadline) {
    SecurityGroupEvent e;
    try {
      e = SecurityGroupEvent.parse(event, "event");
    } catch (InputException bad) {
      log.println(line(Map.of("event", "deployguard.error", "error", bad.getMessage())));
      throw bad;
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("event", e.eventName());
    result.put("principal", e.principal());
    if (e.failedCall() || e.ruleIds().isEmpty()) {
      result.put("status", "ignored");
      result.put("reason", e.failedCall() ? "the API call failed with " + e.errorCode() + "; nothing changed"
          : "the call created no ingress rule");
      log.println(line(Map.of("event", "deployguard.ignored", "reason", result.get("reason"))));
      return result;
    }
    AwsScope scope = new AwsScope(e.region(), e.account());
    try {
      return act(e, scope, log, deadline, result);
    } catch (SdkException failure) {
      // A refused AssumeRole or EC2 call, an unreachable endpoint: one explained line, as for a bad event.
      InputException x = AwsFailures.of(scope.input(), failure, iamPolicy);
      log.println(line(Map.of("event", "deployguard.error", "error", x.getMessage())));
      throw x;
    } catch (InputException bad) {
      log.println(line(Map.of("event", "deployguard.error", "error", bad.getMessage())));
      throw bad;
    }
  }

  /** Reads, judges and acts on the rules {@code e} names, in {@code scope}. */
  private Map<String, Object> act(SecurityGroupEvent e, AwsScope scope, PrintStream log, Deadline deadline,
      Map<String, Object> result) {
    Ec2Client client = ec2.apply(scope);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    List<SecurityGroupRule> rules = new LiveSecurityGroups(client, scope, deadline).readRules(e.ruleIds());
    String exemptTag = settings.config().config().remediate().exemptTag();
    List<Finding> judged = judge(scope, rules, exemptTag, today);
    // The same decision table as remediate.
    DecisionTable.Plan plan = DecisionTable.decide(scope, rules, judged,
        new DecisionTable.Settings(settings.revokeAt(), exemptTag, settings.maxRevocations()), today);
    RemediationReport report = new Remediator(client, scope, deadline, r -> { })
        .carryOut(plan, !settings.dryRun());
    for (Decision d : report.decisions()) {
      log.println(AuditRecord.line(scope, e.principal(), d));
    }
    int missing = e.ruleIds().size() - rules.size();
    if (missing > 0) {
      log.println(line(Map.of("event", "deployguard.gone", "rules", missing,
          "reason", "rules named in the event no longer exist")));
    }
    if (settings.topicArn() != null && settings.dryRun()) {
      log.println(line(Map.of("event", "deployguard.notification",
          "preview", SnsNotifier.preview(List.of(report), settings.topicArn()))));
    } else if (settings.topicArn() != null) {
      String topicRegion = AwsFailures.topicRegion(settings.topicArn());
      String id = new SnsNotifier(sns.apply(topicRegion), settings.topicArn()).publish(List.of(report), e.principal());
      result.put("notification", id);
    }
    result.put("status", report.error() == null && report.count(Decision.Outcome.FAILED) == 0 ? "ok" : "failed");
    result.put("summary", report.summary());
    result.put("revoked", report.count(Decision.Outcome.REVOKED));
    result.put("rules", rules.size());
    return result;
  }

  /**
   * The SG policy's findings on {@code rules} and the stale exemptions, judged by the one run every
   * front end uses (waivers and rule settings of the configuration; no baseline, no reports). The
   * rules are read before, so that an unreadable event still fails the invocation.
   */
  private List<Finding> judge(AwsScope scope, List<SecurityGroupRule> rules, String exemptTag, LocalDate today) {
    ScanRunner.Job job = new ScanRunner.Job(scope.input(), () -> {
      List<Finding> raw = new java.util.ArrayList<>(policy.evaluate(rules));
      raw.addAll(DecisionTable.staleExemptions(rules, raw, exemptTag, today));
      return raw;
    });
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    try {
      return ScanRun.execute(ScanOptions.in(Path.of(""), today), settings.config(), "deployguard lambda",
          config -> Scan.of(List.of(job), policy.rules()), nowhere, nowhere).findings();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String line(Map<String, Object> m) {
    try {
      return JSON.writeValueAsString(m);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
