package io.deployguard.cli;

import io.deployguard.app.Postdeploy;
import io.deployguard.aws.DurationText;
import io.deployguard.policy.ConfigException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where AWS is: regions, profile, endpoint and the run's deadline, shared by every post-deploy command. */
final class AwsOptions {
  @Option(names = "--region", paramLabel = "REGION",
      description = "Region to check; repeatable (default: the configuration, then AWS_REGION, AWS_DEFAULT_REGION or the profile's region).")
  List<String> regions = new ArrayList<>();

  @Option(names = "--profile", paramLabel = "NAME", description = "Named AWS profile for credentials and region.")
  String profile;

  @Option(names = "--endpoint-url", paramLabel = "URL",
      description = "Send every AWS call to URL (an emulator or a VPC endpoint); AWS_ENDPOINT_URL works too.")
  String endpoint;

  @Option(names = "--timeout", paramLabel = "DURATION",
      description = "Stop the whole run after DURATION (e.g. 90s, 5m; default 5m); exit 3, the audit record says what was done.")
  String timeout;

  Postdeploy.Request.Builder applyTo(Postdeploy.Request.Builder b) {
    b.regions(regions).profile(profile).endpointUrl(endpoint);
    if (timeout != null) {
      try {
        b.timeout(DurationText.positive(timeout));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--timeout: " + e.getMessage());
      }
    }
    return b;
  }
}
