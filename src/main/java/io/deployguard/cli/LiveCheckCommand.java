package io.deployguard.cli;

import io.deployguard.app.ConfigLoader;
import io.deployguard.app.OrganizationRun;
import io.deployguard.app.Postdeploy;
import io.deployguard.app.RuleSelection;
import io.deployguard.app.Scan;
import io.deployguard.aws.org.TargetSettings;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;

/**
 * A command that checks the live account through {@link Postdeploy}: it turns its options into a
 * request, and {@link ScanCommand} runs the prepared check like any other scan.
 */
abstract class LiveCheckCommand extends ScanCommand {

  /** The post-deploy wiring; {@link Main} replaces it when it is given another. */
  Postdeploy postdeploy = Postdeploy.standard();

  @Mixin AwsOptions aws;

  @Mixin TargetOptions targets;

  /** The parts and options of this command, on a request that already knows where AWS is. */
  protected abstract Postdeploy.Request.Builder request(Postdeploy.Request.Builder request);

  @Override
  protected Scan scan(ConfigLoader.Loaded config) {
    Postdeploy.Request request = request(aws.applyTo(Postdeploy.Request.in(Path.of("")))).today(today()).build();
    TargetSettings over = targets.over(config.config().targets());
    Postdeploy.Check check = over.active() ? OrganizationRun.prepare(postdeploy, request, over, config)
        : postdeploy.prepare(request, config);
    // --rule and --skip-rule checked against the check's rules before toScan() lists any account.
    RuleSelection.of(selection.only, selection.skip, check.rules(), spec.qualifiedName());
    return check.toScan();
  }
}
