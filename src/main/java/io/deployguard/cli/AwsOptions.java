package io.deployguard.cli;

import io.deployguard.app.Postdeploy;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where AWS is: regions, profile and endpoint, shared by every post-deploy command. */
final class AwsOptions {
  @Option(names = "--region", paramLabel = "REGION",
      description = "Region to check; repeatable (default: the configuration, then AWS_REGION or the profile's region).")
  List<String> regions = new ArrayList<>();

  @Option(names = "--profile", paramLabel = "NAME", description = "Named AWS profile for credentials and region.")
  String profile;

  @Option(names = "--endpoint-url", paramLabel = "URL",
      description = "Send every AWS call to URL (an emulator or a VPC endpoint); AWS_ENDPOINT_URL works too.")
  URI endpoint;

  Postdeploy.Request.Builder applyTo(Postdeploy.Request.Builder b) {
    return b.regions(regions).profile(profile).endpoint(endpoint);
  }
}
