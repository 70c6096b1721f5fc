package io.deployguard.jenkins;

import io.deployguard.app.PostdeployFacade;
import io.deployguard.app.PredeployFacade;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The only class that calls the deployguard core: every scan goes through the {@code app} facades,
 * exactly as the command line does, so a verdict in Jenkins is the verdict of {@code java -jar}.
 */
final class CoreCalls {
  private CoreCalls() {}

  static ScanOutcome predeploy(Path workspace, Path config, List<String> plans, List<String> dockerfiles,
      List<String> images, String failOn, boolean softFail, Map<String, Path> outputs) {
    PredeployFacade.Outcome o = PredeployFacade.run(new PredeployFacade.Request(
        workspace, config, plans, dockerfiles, images, failOn, softFail, outputs));
    return new ScanOutcome(o.exitCode(), String.valueOf(o.buildResult()), o.summary(),
        relative(workspace, o.reportPaths()));
  }

  static ScanOutcome postdeploy(Path workspace, Path config, String region, boolean apply, String failOn,
      boolean softFail, Map<String, Path> outputs, AwsCredentialsProvider credentials) {
    PostdeployFacade.Outcome o = PostdeployFacade.run(new PostdeployFacade.Request(
        workspace, config, region, apply, failOn, softFail, outputs, credentials));
    return new ScanOutcome(o.exitCode(), String.valueOf(o.buildResult()), o.summary(),
        relative(workspace, o.reportPaths()));
  }

  /** A configured path resolved in the workspace; {@code null} lets the core use ./deployguard.yml. */
  static Path optionalPath(Path workspace, String path) {
    return path == null || path.isBlank() ? null : workspace.resolve(path.trim());
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static Map<String, String> relative(Path workspace, Map<String, Path> reports) {
    Map<String, String> out = new LinkedHashMap<>();
    reports.forEach((format, path) -> out.put(format, workspace.relativize(path.toAbsolutePath()).toString()));
    return out;
  }
}
