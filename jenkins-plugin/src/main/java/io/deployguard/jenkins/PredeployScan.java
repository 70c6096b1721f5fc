package io.deployguard.jenkins;

import hudson.model.TaskListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code deployguard predeploy} on the agent: plans, Dockerfiles and images in one report. */
final class PredeployScan extends AgentScan {
  private static final long serialVersionUID = 1L;

  private final String plans;
  private final String dockerfiles;
  private final String images;
  private final String config;
  private final String failOn;
  private final String unstableAt;
  private final boolean softFail;
  private final boolean sast;

  PredeployScan(TaskListener listener, DeployguardPredeployStep step) {
    super(listener, step.getReportsDir());
    this.plans = step.getPlans();
    this.dockerfiles = step.getDockerfiles();
    this.images = step.getImages();
    this.config = step.getConfig();
    this.failOn = step.getFailOn();
    this.unstableAt = step.getUnstableAt();
    this.softFail = step.isSoftFail();
    this.sast = step.isSast();
  }

  @Override
  ScanOutcome scan(Path workspace, String reportsDir) throws IOException, InterruptedException {
    List<String> formats = new ArrayList<>(CoreCalls.FORMATS);
    if (sast) {
      formats.add("gitlab-sast");
    }
    return CoreCalls.predeploy(workspace, config, expand(workspace, plans), expand(workspace, dockerfiles),
        split(images), failOn, unstableAt, softFail, reportsDir, formats);
  }
}
