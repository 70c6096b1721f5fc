package io.deployguard.cli;

import io.deployguard.app.Version;
import picocli.CommandLine.Command;

/** The top-level {@code deployguard} command; every subcommand is registered here. */
@Command(
    name = "deployguard",
    mixinStandardHelpOptions = true,
    versionProvider = DeployguardCommand.VersionProvider.class,
    description = "Keeps unsafe changes out of AWS deployments.",
    subcommands = {
      PlanCommand.class,
    })
public final class DeployguardCommand {

  /** Prints {@code deployguard <version>}. */
  static final class VersionProvider implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"deployguard " + Version.get()};
    }
  }
}
