package io.deployguard.cli;

import io.deployguard.app.ExitStatus;
import io.deployguard.app.Version;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code deployguard} command. Its subcommands are listed in {@link #COMMANDS}; the
 * command line registers only the one being run (building picocli's model of every command is a
 * visible part of a small run's start-up), and all of them for help.
 */
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
        "  4  internal error (a bug: please report it; --debug prints the stack trace)",
        "",
        "Run 'deployguard COMMAND --help' for a command's options. Configuration: docs/configuration.md."})
public final class DeployguardCommand implements Callable<Integer> {

  /**
   * Every subcommand by name, in the order help lists them. The names are written out: reading
   * them from the annotations would make every run pay for Java's first reading of annotations
   * ({@code QuickLineTest} holds them equal to the annotations).
   */
  static final Map<String, Class<?>> COMMANDS = commands(
      "plan", PlanCommand.class, "dockerfile", DockerfileCommand.class, "image", ImageCommand.class,
      "predeploy", PredeployCommand.class, "remediate", RemediateCommand.class, "alarms", AlarmsCommand.class,
      "postdeploy", PostdeployCommand.class, "rules", RulesCommand.class);

  private static Map<String, Class<?>> commands(Object... namesAndClasses) {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndClasses.length; i += 2) {
      m.put((String) namesAndClasses[i], (Class<?>) namesAndClasses[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  @Spec CommandSpec spec;

  /** Without a command there is nothing to do: show what there is, and fail as a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().getErr().println("deployguard: give a command (see 'deployguard --help')");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitStatus.USAGE.code();
  }

  /** Prints {@code deployguard <version> (commit <id>)}. */
  static final class VersionProvider implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"deployguard " + Version.get() + " (commit " + Version.commit() + ")"};
    }
  }
}
