package io.deployguard.cli;

import io.deployguard.app.ConfigLoader;
import io.deployguard.app.ScanRunner;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.ScanResult;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code deployguard postdeploy}: {@code remediate} and {@code alarms} in one run for pipelines,
 * with one combined report and exit code. {@code --apply} applies to both (revocation, and alarm
 * creation when {@code --create-missing} is given).
 */
@Command(name = "postdeploy", mixinStandardHelpOptions = true, description = {
    "Runs remediate and alarms from the configuration in one run, with one report and exit code.",
    "Changes nothing without --apply."})
public final class PostdeployCommand extends ScanCommand {

  @Mixin RemediateCommand.AwsOptions aws;
  @Mixin RemediateCommand.Options remediate;
  @Mixin AlarmsCommand.Options alarms;

  @Option(names = "--apply", description = "Revoke violating rules, and create missing alarms when --create-missing is given.")
  boolean apply;

  private RemediateCommand.Run remediateRun;
  private AlarmsCommand.Run alarmsRun;

  @Override
  protected List<ScanRunner.Job> jobs(ConfigLoader.Loaded config) {
    remediateRun = new RemediateCommand.Run(aws, remediate, apply, config);
    alarmsRun = new AlarmsCommand.Run(aws, alarms, apply && alarms.createMissing, config);
    List<ScanRunner.Job> jobs = new ArrayList<>(remediateRun.jobs());
    jobs.addAll(alarmsRun.jobs());
    return jobs;
  }

  @Override
  protected List<RuleMetadata> rules() {
    List<RuleMetadata> r = new ArrayList<>(remediateRun.rules());
    r.addAll(AlarmsCommand.Run.RULES);
    return r;
  }

  @Override
  protected ScanResult annotate(ScanResult result, ConfigLoader.Loaded config) {
    return alarmsRun.finish(remediateRun.finish(result));
  }
}
