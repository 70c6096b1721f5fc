package io.deployguard.jenkins;

import hudson.model.TaskListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** {@code deployguard predeploy} on the agent: plans, Dockerfiles and images in one report. */
final class PredeployScan extends AgentScan {
  private static final long serialVersionUID = 1L;

  private final String plans;
  private final String dockerfiles;
  private final String images;
  private final String config;
  private final String failOn;
  private final boolean softFail;
  private final boolean sast;

  PredeployScan(TaskListener listener, DeployguardPredeployStep step) {
    super(listener, step.getReportsDir());
    this.plans = step.getPlans();
    this.dockerfiles = step.getDockerfiles();
    this.images = step.getImages();
    this.config = step.getConfig();
    this.failOn = step.getFailOn();
    this.softFail = step.isSoftFail();
    this.sast = step.isSast();
  }

  @Override
  Map<String, String> reportFiles() {
    return sast ? Map.of("junit", "junit.xml", "sarif", "deployguard.sarif", "markdown", "summary.md",
        "json", "deployguard.json", "gitlab-sast", "gl-sast-report.json")
        : Map.of("junit", "junit.xml", "sarif", "deployguard.sarif", "markdown", "summary.md",
        "json", "deployguard.json");
  }

  @Override
  ScanOutcome scan(Path workspace, Map<String, Path> outputs) throws IOException, InterruptedException {
    return CoreCalls.predeploy(workspace, CoreCalls.optionalPath(workspace, config),
        expand(workspace, plans), expand(workspace, dockerfiles), split(images),
        CoreCalls.blankToNull(failOn), softFail, outputs);
  }
}
