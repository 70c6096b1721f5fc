package io.deployguard.cli;

import io.deployguard.app.ConfigLoader;
import io.deployguard.app.CostNotes;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.ScanResult;
import io.deployguard.app.ScanRunner;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.terraform.PlanScanner;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code deployguard plan PLAN.json...}: checks Terraform plans before apply. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    versionProvider = DeployguardCommand.VersionProvider.class,
    description = "Checks Terraform plans (terraform show -json tfplan > plan.json) for security groups open to"
        + " the internet (SG001-SG010) and log groups that never expire (LOG001).")
final class PlanCommand extends ScanCommand {

  @Parameters(arity = "1..*", paramLabel = "PLAN.json", description = "Plan JSON files written by 'terraform show -json'.")
  List<Path> plans;

  @Option(names = "--log-ingestion-estimate", paramLabel = "GB_PER_DAY",
      description = "Expected CloudWatch Logs ingestion; the report then shows what it costs a month (default: logs.ingestion_gb_per_day).")
  Double logIngestionGbPerDay;

  @Override
  protected ScanResult annotate(ScanResult result, ConfigLoader.Loaded config) {
    return CostNotes.withLogCost(result, config.config().logs(), logIngestionGbPerDay);
  }

  @Override
  protected List<ScanRunner.Job> jobs(ConfigLoader.Loaded config) {
    if (logIngestionGbPerDay != null && !(logIngestionGbPerDay >= 0)) {
      throw new ConfigException("--log-ingestion-estimate: give GB a day, 0 or more");
    }
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
