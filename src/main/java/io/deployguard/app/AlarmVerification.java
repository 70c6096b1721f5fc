package io.deployguard.app;

import io.deployguard.aws.AlarmChecker;
import io.deployguard.aws.AlarmRequirement;
import io.deployguard.aws.AlarmSettings;
import io.deployguard.aws.AwsClients;
import io.deployguard.aws.AwsRules;
import io.deployguard.aws.Deadline;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.Finding;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.ScanResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * One alarm check: a single job over every required alarm (the configuration's, the request's
 * clusters and any extra requirements), then the notes on what was read and created.
 */
final class AlarmVerification implements Postdeploy.Check {
  static final List<RuleMetadata> RULES = AwsRules.ALARMS.metadata();

  private final Postdeploy.Aws aws;
  private final Postdeploy.AlarmChecks options;
  private final boolean apply;
  private final AlarmSettings settings;
  private final List<AlarmRequirement> requirements;
  private final List<String> configuredRegions;
  private final List<String> notes = new ArrayList<>();
  private final Deadline deadline;
  private String region;

  /**
   * @param apply create the missing alarms; only together with {@code createMissing}
   * @param extra further required alarms (for example derived from a plan)
   * @throws ConfigException when {@code apply} is given without {@code createMissing}
   */
  AlarmVerification(Postdeploy.Aws aws, Postdeploy.AlarmChecks options, boolean apply, ConfigLoader.Loaded config,
      List<AlarmRequirement> extra, Deadline deadline) {
    this.aws = aws;
    this.deadline = deadline;
    this.options = options;
    this.apply = apply;
    this.settings = config.config().alarms();
    this.configuredRegions = config.config().remediate().regions();
    if (apply && !options.createMissing()) {
      throw new ConfigException("--apply: alarms changes nothing without --create-missing; add it, or drop --apply");
    }
    List<AlarmRequirement> reqs = new ArrayList<>(AlarmRequirement.fromSettings(settings));
    for (String c : options.clusters()) {
      AlarmRequirement r = AlarmRequirement.nodeDisk(c, settings.eksNodeDisk().threshold(), settings.region());
      if (reqs.stream().noneMatch(x -> x.id().equals(r.id()))) {
        reqs.add(r);
      }
    }
    reqs.addAll(extra);
    this.requirements = List.copyOf(reqs);
  }

  @Override
  public List<ScanRunner.Job> jobs() {
    // alarms.region, else the first region of the request / remediate.regions / the environment.
    region = settings.region() != null ? settings.region() : aws.regions(configuredRegions).get(0);
    return List.of(new ScanRunner.Job("cloudwatch://" + region, this::scan));
  }

  @Override
  public List<RuleMetadata> rules() {
    return RULES;
  }

  private List<Finding> scan() {
    AwsClients clients = aws.clients();
    Map<String, CloudWatchClient> cw = new HashMap<>();
    Map<String, SnsClient> sns = new HashMap<>();
    try {
      deadline.check("cloudwatch://" + region, "DescribeAlarms");
      AlarmChecker checker = new AlarmChecker(r -> cw.computeIfAbsent(r, clients::cloudWatch),
          r -> sns.computeIfAbsent(r, clients::sns), Instant.now());
      AlarmChecker.Report report = checker.check(requirements, settings.insufficientData(), region);
      notes.add(report.alarmsRead() + " metric alarms read; " + requirements.size() + " required; "
          + report.missing().size() + " missing");
      if (options.createMissing()) {
        List<String> actions = options.actions().isEmpty() ? settings.actions() : options.actions();
        notes.addAll(checker.createMissing(report, actions, apply, region));
      }
      return report.findings();
    } catch (SdkException e) {
      throw AwsFailures.of("cloudwatch://" + region, e, "examples/iam/alarms.json");
    } finally {
      cw.values().forEach(CloudWatchClient::close);
      sns.values().forEach(SnsClient::close);
    }
  }

  @Override
  public ScanResult finish(ScanResult result) {
    if (notes.isEmpty()) {
      return result;
    }
    List<ScanResult.Note> all = new ArrayList<>(result.notes());
    all.add(new ScanResult.Note("alarms", String.join("\n", notes)));
    return new ScanResult(result.toolVersion(), result.inputs(), result.rules(), result.findings(), result.errors(),
        result.failOn(), all);
  }
}
