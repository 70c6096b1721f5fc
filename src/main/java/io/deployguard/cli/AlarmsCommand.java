package io.deployguard.cli;

import io.deployguard.app.Postdeploy;
import java.util.ArrayList;
import java.util.List;
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
public final class AlarmsCommand extends LiveCheckCommand {

  @Mixin Options options;

  @Option(names = "--apply", description = "With --create-missing: create the alarms (default: only say what would be created).")
  boolean apply;

  @Option(names = "--plan", paramLabel = "PLAN.json",
      description = "Also require a node-disk alarm for every EKS cluster and an ingestion alarm for every log group the plan creates.")
  java.nio.file.Path plan;

  @Override
  protected Postdeploy.Request.Builder request(Postdeploy.Request.Builder request) {
    return options.applyTo(request).remediate(false).apply(apply).plan(plan);
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

    Postdeploy.Request.Builder applyTo(Postdeploy.Request.Builder b) {
      return b.clusters(clusters).createMissingAlarms(createMissing).alarmActions(actions);
    }
  }
}
