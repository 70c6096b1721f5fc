package io.deployguard.cli;

import io.deployguard.app.ConfigLoader;
import io.deployguard.app.CostNotes;
import io.deployguard.app.Naming;
import io.deployguard.app.PlanFiles;
import io.deployguard.app.PlanSources;
import io.deployguard.app.Scan;
import io.deployguard.app.ScanFacts;
import io.deployguard.app.ScanRunner;
import io.deployguard.app.Scanners;
import io.deployguard.policy.InputException;
import io.deployguard.terraform.PlanScanner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Parameters(arity = "1..*", paramLabel = "PLAN",
      description = "Plan JSON files written by 'terraform show -json', '-' for standard input, folders of plans,"
          + " or saved plans from 'terraform plan -out' (converted with terraform show -json when terraform is at hand).")
  List<Path> plans;

  @Option(names = "--terraform", paramLabel = "PATH",
      description = "The terraform binary that converts saved binary plans (default: terraform on the PATH).")
  Path terraform;

  @Mixin LogIngestionOption logIngestion;

  @Override
  protected Scan scan(ConfigLoader.Loaded config) {
    Double gbPerDay = logIngestion.checked();
    stdinAtMostOnce(plans);
    PlanSources sources = new PlanSources(selection.sourceRoot != null ? selection.sourceRoot : config.sourceRoot());
    // The node disks matter only to EKS001, which needs images too (predeploy).
    ScanFacts unused = new ScanFacts();
    List<ScanRunner.Job> jobs = new ArrayList<>();
    for (Path given : plans) {
      List<PlanFiles.Plan> expanded;
      try {
        expanded = PlanFiles.expand(given, System.in, terraform, err()::println);
      } catch (InputException e) {
        jobs.add(new ScanRunner.Job(given.toString(), () -> {
          throw e;
        }, Naming.plan(given, given.toString())));
        continue;
      }
      for (PlanFiles.Plan p : expanded) {
        jobs.add(sources.job(p.shown(), p.read().toString(), () -> Scanners.plan(p.json(), config, unused)));
      }
    }
    return Scan.of(jobs, PlanScanner.RULES).finishing(
        result -> sources.annotate(CostNotes.withLogCost(result, config.config().logs(), gbPerDay)));
  }
}
