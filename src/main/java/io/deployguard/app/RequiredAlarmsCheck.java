package io.deployguard.app;

import io.deployguard.aws.AlarmChecker;
import io.deployguard.aws.AlarmRequirement;
import io.deployguard.aws.AlarmSettings;
import io.deployguard.aws.AwsClients;
import io.deployguard.aws.AwsRules;
import io.deployguard.aws.Deadline;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.Finding;
import io.deployguard.policy.InputException;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.ScanError;
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
 * The alarm part of a post-deploy check: which alarms are required (the configuration's, the
 * request's clusters and any extra requirements), one job that has {@link AlarmChecker} read and
 * judge them (nothing changes there), then, once the run is judged, the missing ones created when
 * asked and the notes on what was read and created.
 */
final class RequiredAlarmsCheck implements Postdeploy.Check {
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
  /** The clients of the run, per region, kept from the read step to the act step. */
  private final Map<String, CloudWatchClient> cw = new HashMap<>();
  private final Map<String, SnsClient> sns = new HashMap<>();
  /** What the read step found; {@code null} until it has read. */
  private AlarmChecker checker;
  private AlarmChecker.Report report;

  /**
   * @param apply create the missing alarms; only together with {@code createMissing}
   * @param extra further required alarms (for example derived from a plan)
   * @throws ConfigException when {@code apply} is given without {@code createMissing}
   */
  RequiredAlarmsCheck(Postdeploy.Aws aws, Postdeploy.AlarmChecks options, boolean apply, ConfigLoader.Loaded config,
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

  /** The read step: every required alarm judged; creates nothing. */
  private List<Finding> scan() {
    AwsClients clients = aws.clients();
    try {
      deadline.check("cloudwatch://" + region, "DescribeAlarms");
      checker = new AlarmChecker(r -> cw.computeIfAbsent(r, clients::cloudWatch),
          r -> sns.computeIfAbsent(r, clients::sns), Instant.now());
      AlarmChecker.Report read = checker.check(requirements, settings.insufficientData(), region);
      notes.add(read.alarmsRead() + " metric alarms read; " + requirements.size() + " required; "
          + read.missing().size() + " missing");
      report = read;
      return read.findings();
    } catch (SdkException e) {
      closeClients();
      throw AwsFailures.of("cloudwatch://" + region, e, "examples/iam/alarms.json");
    } catch (RuntimeException e) {
      closeClients();
      throw e;
    }
  }

  /**
   * The act step, once the run is judged: the missing alarms created (with apply) or listed as
   * what would be created, then the notes.
   */
  @Override
  public ScanResult finish(ScanResult result) {
    List<ScanError> errors = new ArrayList<>(result.errors());
    try {
      if (report != null && options.createMissing()) {
        List<String> actions = options.actions().isEmpty() ? settings.actions() : options.actions();
        if (apply) {
          deadline.check("cloudwatch://" + region, "PutMetricAlarm");
        }
        notes.addAll(checker.createMissing(report, actions, apply, region));
      }
    } catch (SdkException e) {
      errors.add(ScanError.of(AwsFailures.of("cloudwatch://" + region, e, "examples/iam/alarms.json")));
    } catch (InputException e) {
      errors.add(ScanError.of(e));
    } finally {
      closeClients();
    }
    if (notes.isEmpty() && errors.size() == result.errors().size()) {
      return result;
    }
    List<ScanResult.Note> all = new ArrayList<>(result.notes());
    if (!notes.isEmpty()) {
      all.add(new ScanResult.Note("alarms", String.join("\n", notes)));
    }
    return new ScanResult(result.toolVersion(), result.inputs(), result.rules(), result.findings(), errors,
        result.failOn(), all);
  }

  private void closeClients() {
    cw.values().forEach(CloudWatchClient::close);
    sns.values().forEach(SnsClient::close);
    cw.clear();
    sns.clear();
  }
}
