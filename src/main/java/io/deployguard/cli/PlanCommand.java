package io.deployguard.cli;

import io.deployguard.app.ConfigLoader;
import io.deployguard.app.ScanRunner;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.terraform.PlanScanner;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code deployguard plan PLAN.json...}: checks Terraform plans before apply. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    versionProvider = DeployguardCommand.VersionProvider.class,
    description = "Checks Terraform plans (terraform show -json tfplan > plan.json) for security groups open to"
        + " the internet (SG001-SG009) and log groups that never expire (LOG001).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no finding at or above the fail threshold",
      "1:findings at or above the fail threshold",
      "2:usage or configuration error",
      "3:a plan could not be read"
    })
final class PlanCommand extends ScanCommand {

  @Parameters(arity = "1..*", paramLabel = "PLAN.json", description = "Plan JSON files written by 'terraform show -json'.")
  List<Path> plans;

  @Override
  protected List<ScanRunner.Job> jobs(ConfigLoader.Loaded config) {
    return plans.stream()
        .map(p -> new ScanRunner.Job(p.toString(),
            () -> PlanScanner.scan(p, config.config().network(), config.config().logs())))
        .toList();
  }

  @Override
  protected List<RuleMetadata> rules() {
    return PlanScanner.RULES;
  }
}
