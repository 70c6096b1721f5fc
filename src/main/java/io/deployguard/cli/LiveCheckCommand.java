package io.deployguard.cli;

import io.deployguard.app.ConfigLoader;
import io.deployguard.app.OrganizationRun;
import io.deployguard.app.Postdeploy;
import io.deployguard.app.ScanRunner;
import io.deployguard.aws.org.TargetSettings;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.ScanResult;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;

/**
 * A command that checks the live account through {@link Postdeploy}: it turns its options into a
 * request, and {@link ScanCommand} judges and reports the prepared check like any other scan.
 */
abstract class LiveCheckCommand extends ScanCommand {

  /** The facade; {@link Main} replaces it when it is given another wiring. */
  Postdeploy postdeploy = Postdeploy.standard();

  @Mixin AwsOptions aws;

  @Mixin TargetOptions targets;

  private Postdeploy.Check check;

  /** The parts and options of this command, on a request that already knows where AWS is. */
  protected abstract Postdeploy.Request.Builder request(Postdeploy.Request.Builder request);

  @Override
  protected final List<ScanRunner.Job> jobs(ConfigLoader.Loaded config) {
    Postdeploy.Request request = request(aws.applyTo(Postdeploy.Request.in(Path.of("")))).build();
    TargetSettings over = targets.over(config.config().targets());
    check = over.active() ? OrganizationRun.prepare(postdeploy, request, over, config)
        : postdeploy.prepare(request, config);
    return check.jobs();
  }

  @Override
  protected final List<RuleMetadata> rules() {
    return check.rules();
  }

  @Override
  protected final ScanResult annotate(ScanResult result, ConfigLoader.Loaded config) {
    return check.finish(result);
  }
}
