package io.deployguard.jenkins;

import io.deployguard.app.Postdeploy;
import io.deployguard.app.Predeploy;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.InputException;
import io.deployguard.policy.ScanResult;
import io.deployguard.policy.Severity;
import io.deployguard.report.Reporters;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The only class that calls the deployguard core: every scan goes through the {@code app} facades,
 * as the command line's does, so a verdict in Jenkins is the verdict of {@code java -jar}.
 */
final class CoreCalls {
  private CoreCalls() {}

  /** Reports both steps write into their reports directory, under the core's conventional names. */
  static final List<String> FORMATS = List.of("junit", "sarif", "markdown", "json");

  static ScanOutcome predeploy(Path workspace, String config, List<String> plans, List<String> dockerfiles,
      List<String> images, String failOn, String unstableAt, boolean softFail, String reportsDir,
      List<String> formats) {
    try {
      Predeploy.Request request = Predeploy.Request.in(workspace)
          .config(optionalPath(config))
          .inputs(Predeploy.InputKind.PLAN, plans)
          .inputs(Predeploy.InputKind.DOCKERFILE, dockerfiles)
          .inputs(Predeploy.InputKind.IMAGE, images)
          .reports(Path.of(reportsDir), formats)
          .failOn(severity("failOn", failOn))
          .unstableAt(severity("unstableAt", unstableAt))
          .softFail(softFail)
          .build();
      return outcome(workspace, Predeploy.standard().run(request));
    } catch (ConfigException e) {
      return configurationError(e);
    } catch (InputException e) {
      return inputError(e);
    }
  }

  static ScanOutcome postdeploy(Path workspace, String config, String region, boolean apply, String failOn,
      boolean softFail, String reportsDir, AwsCredentialsProvider credentials) {
    try {
      Postdeploy.Request request = Postdeploy.Request.in(workspace)
          .config(optionalPath(config))
          .region(region)
          .apply(apply)
          .credentials(credentials)
          .reports(Path.of(reportsDir), FORMATS)
          .failOn(severity("failOn", failOn))
          .softFail(softFail)
          .build();
      return outcome(workspace, Postdeploy.standard().run(request));
    } catch (ConfigException e) {
      return configurationError(e);
    } catch (InputException e) {
      return inputError(e);
    }
  }

  /** The findings as the text report (for the build log), then the facade's one-line verdict. */
  private static ScanOutcome outcome(Path workspace, Predeploy.Outcome o) {
    Map<String, String> reports = new LinkedHashMap<>();
    o.reports().forEach((format, path) -> reports.put(format, workspace.relativize(path.toAbsolutePath()).toString()));
    return new ScanOutcome(o.exitCode(), o.buildResult().name(), text(o.result()) + o.summary(), reports);
  }

  private static String text(ScanResult result) {
    StringWriter out = new StringWriter();
    try {
      Reporters.find("text", false).orElseThrow().write(result, out);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    return out.toString();
  }

  /** Exit code 2, as on the command line: the configuration or a parameter is wrong. */
  private static ScanOutcome configurationError(ConfigException e) {
    return new ScanOutcome(2, "FAILURE", "deployguard: " + e.getMessage(), Map.of());
  }

  /** An input the facade reads before scanning (a plan for drift) could not be read. */
  private static ScanOutcome inputError(InputException e) {
    return new ScanOutcome(3, "FAILURE", "deployguard: " + e.getMessage(), Map.of());
  }

  private static Severity severity(String parameter, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Severity.parse(value.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(parameter + ": " + e.getMessage());
    }
  }

  private static Path optionalPath(String path) {
    return path == null || path.isBlank() ? null : Path.of(path.trim());
  }
}
