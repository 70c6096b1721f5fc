package io.deployguard.cli;

import io.deployguard.app.Postdeploy;
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
public final class PostdeployCommand extends LiveCheckCommand {

  @Mixin RemediateCommand.Options remediate;
  @Mixin AlarmsCommand.Options alarms;

  @Option(names = "--apply", description = "Revoke violating rules, and create missing alarms when --create-missing is given.")
  boolean apply;

  @Override
  protected Postdeploy.Request.Builder request(Postdeploy.Request.Builder request) {
    return alarms.applyTo(remediate.applyTo(request)).apply(apply);
  }
}
