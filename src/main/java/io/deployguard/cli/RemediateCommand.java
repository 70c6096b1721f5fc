package io.deployguard.cli;

import io.deployguard.app.ConfigLoader;
import io.deployguard.app.Postdeploy;
import io.deployguard.app.Scan;
import io.deployguard.policy.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * {@code deployguard remediate}: judges the live security-group rules of one or more regions with
 * the SG policy, decides with {@link io.deployguard.aws.DecisionTable}, and with {@code --apply}
 * revokes the violating ingress rules (see {@link io.deployguard.aws.Remediator} for the
 * guarantees). Exit code 1 when violations were found,
 * even if they were revoked; 3 when AWS could not be read, a filter matched no group, the run
 * passed {@code --timeout} or a revocation failed.
 */
@Command(name = "remediate", mixinStandardHelpOptions = true, description = {
    "Judges live security-group rules and, with --apply, revokes the violating ingress rules.",
    "Changes nothing without --apply."}, modelTransformer = RemediateCommand.NoRuleSelection.class)
public final class RemediateCommand extends LiveCheckCommand {

  /**
   * Leaves {@code --rule} and {@code --skip-rule} out of this command's help: it refuses them
   * ({@link #scan}), so that someone who passes them is told why rather than "unknown option".
   */
  static final class NoRuleSelection implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      for (String name : List.of("--rule", "--skip-rule")) {
        OptionSpec shown = spec.findOption(name);
        if (shown != null) {
          spec.remove(shown);
          spec.addOption(shown.toBuilder().hidden(true).build());
        }
      }
      return spec;
    }
  }

  @Mixin Options options;

  @Option(names = "--apply", description = "Revoke the violating ingress rules (default: dry run, nothing changes).")
  boolean apply;

  @Override
  protected Postdeploy.Request.Builder request(Postdeploy.Request.Builder request) {
    return options.applyTo(request).alarms(false).apply(apply);
  }

  @Override
  protected Scan scan(ConfigLoader.Loaded config) {
    // Remediation decides what to revoke from the configuration; a report narrowed by --rule
    // would not say what --apply does. Refused before any target is listed.
    if (!(selection.only.isEmpty() && selection.skip.isEmpty())) {
      throw new ConfigException("remediate: --rule and --skip-rule do not apply (switch rules off under rules: in"
          + " deployguard.yml, which remediation follows)");
    }
    return super.scan(config);
  }

  /** What to remediate and how far to go; the configuration's {@code remediate:} fills the gaps. */
  static final class Options {
    @Option(names = "--group-id", paramLabel = "SG_ID", description = "Only this security group; repeatable.")
    List<String> groupIds = new ArrayList<>();

    @Option(names = "--vpc-id", paramLabel = "VPC_ID", description = "Only groups in this VPC; repeatable.")
    List<String> vpcIds = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Only groups with this tag (VALUE * = any); repeatable.")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--max-revocations", paramLabel = "N",
        description = "Revoke at most N rules per account and region, the worst first (default: configuration, else 10).")
    Integer maxRevocations;

    @Option(names = "--notify", paramLabel = "TOPIC_ARN",
        description = "With --apply, publish one SNS message per run with violations (a dry run only shows it).")
    String notify;

    @Option(names = "--audit", paramLabel = "FILE", description = "Write every decision to FILE as JSON.")
    Path audit;

    @Option(names = "--plan", paramLabel = "PLAN.json",
        description = "Also report live rules the plan does not declare (DRIFT001).")
    Path plan;

    Postdeploy.Request.Builder applyTo(Postdeploy.Request.Builder b) {
      return b.groupIds(groupIds).vpcIds(vpcIds).tags(tags).maxRevocations(maxRevocations).notify(notify)
          .audit(audit).plan(plan);
    }
  }
}
