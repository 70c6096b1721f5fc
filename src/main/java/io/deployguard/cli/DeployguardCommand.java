package io.deployguard.cli;

import io.deployguard.app.Version;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code deployguard} command; every subcommand is registered here. */
@Command(
    name = "deployguard",
    mixinStandardHelpOptions = true,
    versionProvider = DeployguardCommand.VersionProvider.class,
    synopsisSubcommandLabel = "COMMAND",
    description = {
        "Keeps unsafe changes out of AWS deployments: checks Terraform plans, Dockerfiles and images"
            + " before deploy, and live security groups and CloudWatch alarms after deploy.",
        ""},
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExit codes:%n",
    footer = {
        "  0  no finding at or above the fail threshold",
        "  1  findings at or above the fail threshold",
        "  2  usage or configuration error",
        "  3  an input could not be read or scanned (never a pass)",
        "",
        "Run 'deployguard COMMAND --help' for a command's options. Configuration: docs/configuration.md."},
    subcommands = {
        RulesCommand.class,
        PredeployCommand.class,
        DockerfileCommand.class,
        RemediateCommand.class,
        AlarmsCommand.class,
        PostdeployCommand.class,
        ImageCommand.class,
      PlanCommand.class,
    })
public final class DeployguardCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** Without a command there is nothing to do: show what there is, and fail as a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().getErr().println("deployguard: give a command (see 'deployguard --help')");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE.code();
  }

  /** Prints {@code deployguard <version>}. */
  static final class VersionProvider implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"deployguard " + Version.get()};
    }
  }
}
