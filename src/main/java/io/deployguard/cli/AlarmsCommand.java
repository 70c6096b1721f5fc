package io.deployguard.cli;

import io.deployguard.app.ConfigLoader;
import io.deployguard.app.ScanRunner;
import io.deployguard.aws.AlarmChecker;
import io.deployguard.aws.AlarmRequirement;
import io.deployguard.aws.AlarmSettings;
import io.deployguard.aws.AwsClients;
import io.deployguard.aws.AwsRules;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.Finding;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.ScanResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sns.SnsClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code deployguard alarms}: checks that the CloudWatch alarms {@code deployguard.yml} requires
 * exist, notify someone, are tight enough and receive data (ALARM001-004); with {@code
 * --create-missing --apply} creates the missing ones.
 */
@Command(name = "alarms", mixinStandardHelpOptions = true, description = {
    "Checks that the required CloudWatch alarms exist, notify someone and are tight enough.",
    "With --create-missing it shows the missing alarms it would create; with --apply too, it creates them."})
public final class AlarmsCommand extends ScanCommand {

  /**
   * Wiring: further required alarms beyond the configuration's (for example alarms derived from
   * a plan); none by default.
   */
  static Function<ConfigLoader.Loaded, List<AlarmRequirement>> extraRequirements = c -> List.of();

  @Mixin RemediateCommand.AwsOptions aws;
  @Mixin Options options;

  @Option(names = "--apply", description = "With --create-missing: create the alarms (default: only say what would be created).")
  boolean apply;

  private Run run;

  @Override
  protected List<ScanRunner.Job> jobs(ConfigLoader.Loaded config) {
    run = new Run(aws, options, apply, config);
    return run.jobs();
  }

  @Override
  protected List<RuleMetadata> rules() {
    return Run.RULES;
  }

  @Override
  protected ScanResult annotate(ScanResult result, ConfigLoader.Loaded config) {
    return run.finish(result);
  }

  /** What to require beyond the configuration, and whether to create what is missing. */
  static final class Options {
    @Option(names = "--cluster", paramLabel = "NAME", description = "Require the node-disk alarm of this EKS cluster; repeatable.")
    List<String> clusters = new ArrayList<>();

    @Option(names = "--create-missing", description = "Create missing alarms from their templates (needs --apply to change anything).")
    boolean createMissing;

    @Option(names = "--alarm-action", paramLabel = "TOPIC_ARN",
        description = "Action of created alarms; repeatable (default: alarms.actions of the configuration).")
    List<String> actions = new ArrayList<>();
  }

  /** One alarm check: a single job over every required alarm, then the creation notes. */
  static final class Run {
    static final List<RuleMetadata> RULES = List.of(AwsRules.ALARM001, AwsRules.ALARM002, AwsRules.ALARM003,
        AwsRules.ALARM004);

    private final RemediateCommand.AwsOptions aws;
    private final Options options;
    private final boolean apply;
    private final AlarmSettings settings;
    private final List<AlarmRequirement> requirements;
    private final List<String> notes = new ArrayList<>();
    private final List<String> configuredRegions;
    private String region;

    Run(RemediateCommand.AwsOptions aws, Options options, boolean apply, ConfigLoader.Loaded config) {
      this.aws = aws;
      this.options = options;
      this.apply = apply;
      this.settings = config.config().alarms();
      this.configuredRegions = config.config().remediate().regions();
      if (apply && !options.createMissing) {
        throw new ConfigException("--apply: alarms changes nothing without --create-missing; add it, or drop --apply");
      }
      List<AlarmRequirement> reqs = new ArrayList<>(AlarmRequirement.fromSettings(settings));
      for (String c : options.clusters) {
        AlarmRequirement r = AlarmRequirement.nodeDisk(c, settings.eksNodeDisk().threshold(), settings.region());
        if (reqs.stream().noneMatch(x -> x.id().equals(r.id()))) {
          reqs.add(r);
        }
      }
      reqs.addAll(extraRequirements.apply(config));
      this.requirements = List.copyOf(reqs);
    }

    List<ScanRunner.Job> jobs() {
      // alarms.region, else the first region of --region / remediate.regions / the environment.
      region = settings.region() != null ? settings.region() : aws.regions(configuredRegions).get(0);
      return List.of(new ScanRunner.Job("cloudwatch://" + region, this::scan));
    }

    private List<Finding> scan() {
      AwsClients clients = aws.clients();
      Map<String, CloudWatchClient> cw = new HashMap<>();
      Map<String, SnsClient> sns = new HashMap<>();
      try {
        AlarmChecker checker = new AlarmChecker(r -> cw.computeIfAbsent(r, clients::cloudWatch),
            r -> sns.computeIfAbsent(r, clients::sns), Instant.now());
        AlarmChecker.Report report = checker.check(requirements, settings.insufficientData(), region);
        notes.add(report.alarmsRead() + " metric alarms read; " + requirements.size() + " required; "
            + report.missing().size() + " missing");
        if (options.createMissing) {
          List<String> actions = options.actions.isEmpty() ? settings.actions() : options.actions;
          notes.addAll(checker.createMissing(report, actions, apply, region));
        }
        return report.findings();
      } catch (SdkException e) {
        throw RemediateCommand.awsFailure("cloudwatch://" + region, e);
      } finally {
        cw.values().forEach(CloudWatchClient::close);
        sns.values().forEach(SnsClient::close);
      }
    }

    ScanResult finish(ScanResult result) {
      if (notes.isEmpty()) {
        return result;
      }
      List<ScanResult.Note> all = new ArrayList<>(result.notes());
      all.add(new ScanResult.Note("alarms", String.join("\n", notes)));
      return new ScanResult(result.toolVersion(), result.inputs(), result.rules(), result.findings(), result.errors(),
          result.failOn(), all);
    }
  }
}
