package io.deployguard.jenkins;

import hudson.model.TaskListener;
import java.nio.file.Path;

/** {@code deployguard postdeploy} on the agent: live security groups and CloudWatch alarms. */
final class PostdeployScan extends AgentScan {
  private static final long serialVersionUID = 1L;

  private final String region;
  private final boolean apply;
  private final String config;
  private final String failOn;
  private final boolean softFail;
  private final AwsSession session;

  PostdeployScan(TaskListener listener, DeployguardPostdeployStep step, AwsSession session) {
    super(listener, step.getReportsDir());
    this.region = step.getRegion();
    this.apply = step.isApply();
    this.config = step.getConfig();
    this.failOn = step.getFailOn();
    this.softFail = step.isSoftFail();
    this.session = session;
  }

  @Override
  ScanOutcome scan(Path workspace, String reportsDir) {
    return CoreCalls.postdeploy(workspace, config, region, apply, failOn, softFail, reportsDir,
        session == null ? null : session.provider());
  }
}
