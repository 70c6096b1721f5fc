package io.deployguard.jenkins;

import hudson.model.TaskListener;
import java.nio.file.Path;
import java.util.Map;

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
  Map<String, String> reportFiles() {
    return Map.of("junit", "junit.xml", "sarif", "deployguard.sarif", "markdown", "summary.md",
        "json", "deployguard.json");
  }

  @Override
  ScanOutcome scan(Path workspace, Map<String, Path> outputs) {
    return CoreCalls.postdeploy(workspace, CoreCalls.optionalPath(workspace, config), region, apply,
        CoreCalls.blankToNull(failOn), softFail, outputs, session == null ? null : session.provider());
  }
}
