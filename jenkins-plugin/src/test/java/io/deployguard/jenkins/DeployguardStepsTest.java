package io.deployguard.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import hudson.tasks.junit.TestResultAction;
import io.jenkins.plugins.analysis.core.model.ResultAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The steps in a real Jenkins with a real agent: the verdict of the core decides the build result,
 * and the reports it writes are the ones {@code junit} and Warnings NG publish.
 */
@WithJenkins
class DeployguardStepsTest {

  private static final String SINGLE_STAGE =
      "FROM maven:3.9.9-eclipse-temurin-17\\nWORKDIR /src\\nCOPY pom.xml .\\nCOPY src ./src\\nRUN mvn -B package\\n"
          + "CMD [\\\"java\\\", \\\"-jar\\\", \\\"target/app.jar\\\"]\\n";
  private static final String MULTI_STAGE =
      "FROM maven:3.9.9-eclipse-temurin-17 AS build\\nWORKDIR /src\\nCOPY pom.xml .\\nCOPY src ./src\\n"
          + "RUN mvn -B package\\nFROM eclipse-temurin:17.0.15_6-jre-noble\\nCOPY --from=build /src/target/app.jar /app.jar\\n"
          + "USER 10001\\nCMD [\\\"java\\\", \\\"-jar\\\", \\\"/app.jar\\\"]\\n";

  private static final String SECRET = "wJalrXUtnFEMI-deployguard-test-secret";

  private static WorkflowJob pipeline(JenkinsRule r, String name, String body) throws Exception {
    WorkflowJob job = r.createProject(WorkflowJob.class, name);
    job.setDefinition(new CpsFlowDefinition(body, true));
    return job;
  }

  private static String publishing(String dockerfile, String stepArgs) {
    return "node('scanner') {\n"
        + "  writeFile file: 'Dockerfile', text: \"" + dockerfile + "\"\n"
        + "  writeFile file: '.dockerignore', text: 'target\\n'\n"
        + "  try {\n"
        + "    deployguardPredeploy(dockerfiles: 'Dockerfile'" + stepArgs + ")\n"
        + "  } finally {\n"
        + "    junit testResults: 'deployguard-reports/deployguard-junit.xml', skipMarkingBuildUnstable: true\n"
        + "    recordIssues tool: sarif(pattern: 'deployguard-reports/deployguard.sarif')\n"
        + "  }\n"
        + "}\n";
  }

  @Test
  void singleStageDockerfile_failsTheBuildOnTheAgent_andItsReportsArePublished(JenkinsRule r) throws Exception {
    DumbSlave agent = r.createOnlineSlave(r.jenkins.getLabel("scanner"));
    WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, pipeline(r, "bad", publishing(SINGLE_STAGE, "")));

    r.assertLogContains("DF001", run);
    r.assertLogContains("deployguardPredeploy: findings at or above the fail threshold (exit code 1)", run);
    r.assertLogContains("Running on " + agent.getNodeName(), run);
    TestResultAction tests = run.getAction(TestResultAction.class);
    assertThat(tests).isNotNull();
    assertThat(tests.getFailCount()).isPositive();
    ResultAction issues = run.getAction(ResultAction.class);
    assertThat(issues).isNotNull();
    assertThat(issues.getResult().getTotalSize()).isPositive();
  }

  @Test
  void singleStageDockerfile_withSoftFail_marksTheBuildUnstable(JenkinsRule r) throws Exception {
    r.createOnlineSlave(r.jenkins.getLabel("scanner"));
    WorkflowRun run = r.buildAndAssertStatus(Result.UNSTABLE,
        pipeline(r, "soft", publishing(SINGLE_STAGE, ", softFail: true")));

    r.assertLogContains("deployguardPredeploy: findings mark the build UNSTABLE", run);
    assertThat(run.getAction(TestResultAction.class).getFailCount()).isPositive();
  }

  @Test
  void findingsBelowTheFailThreshold_butAtUnstableAt_markTheBuildUnstable(JenkinsRule r) throws Exception {
    r.createOnlineSlave(r.jenkins.getLabel("scanner"));
    WorkflowRun run = r.buildAndAssertStatus(Result.UNSTABLE,
        pipeline(r, "unstableAt", publishing(SINGLE_STAGE, ", failOn: 'critical', unstableAt: 'medium'")));

    r.assertLogContains("DF001", run);
    r.assertLogContains("UNSTABLE", run);
  }

  @Test
  void badFailOn_isAConfigurationError(JenkinsRule r) throws Exception {
    WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, pipeline(r, "badFailOn",
        "node { writeFile file: 'Dockerfile', text: 'FROM scratch\\n'\n deployguardPredeploy(dockerfiles: 'Dockerfile', failOn: 'severe') }"));

    r.assertLogContains("failOn:", run);
    r.assertLogContains("(exit code 2)", run);
  }

  @Test
  void multiStageDockerfile_passes(JenkinsRule r) throws Exception {
    r.createOnlineSlave(r.jenkins.getLabel("scanner"));
    WorkflowRun run = r.buildAndAssertSuccess(pipeline(r, "good", publishing(MULTI_STAGE, "")));

    r.assertLogContains("deployguardPredeploy: passed.", run);
    assertThat(run.getAction(TestResultAction.class).getFailCount()).isZero();
  }

  @Test
  void missingPlan_failsTheBuild_neverPasses(JenkinsRule r) throws Exception {
    WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, pipeline(r, "missing",
        "node { deployguardPredeploy(plans: 'plans/**/tfplan.json') }"));

    r.assertLogContains("(exit code 3)", run);
  }

  @Test
  void stepReturnsTheReportPaths(JenkinsRule r) throws Exception {
    WorkflowRun run = r.buildAndAssertSuccess(pipeline(r, "value",
        "node {\n  writeFile file: 'Dockerfile', text: \"" + MULTI_STAGE + "\"\n"
            + "  writeFile file: '.dockerignore', text: 'target\\n'\n"
            + "  def r = deployguardPredeploy(dockerfiles: 'Dockerfile', reportsDir: 'out')\n"
            + "  echo \"exit=${r.exitCode} result=${r.result} junit=${r.reports.junit}\"\n}\n"));

    r.assertLogContains("exit=0 result=SUCCESS junit=out/deployguard-junit.xml", run);
  }

  @Test
  void unknownCredentialsId_failsWithTheFix(JenkinsRule r) throws Exception {
    WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, pipeline(r, "nocreds",
        "node { deployguardPostdeploy(region: 'eu-west-1', credentialsId: 'nope') }"));

    r.assertLogContains("no AWS credentials with id 'nope' are visible to this build", run);
  }

  @Test
  void credentialsId_isResolvedAndTrackedForTheBuild(JenkinsRule r) throws Exception {
    SystemCredentialsProvider.getInstance().getCredentials().add(new AWSCredentialsImpl(
        CredentialsScope.GLOBAL, "aws-test", "AKIAEXAMPLE", SECRET, "test"));
    // The key is not valid anywhere: the step must reach the core with it, and the core must fail closed
    // (an account it cannot read is an input error, never a pass).
    WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, pipeline(r, "creds",
        "node { deployguardPostdeploy(region: 'eu-west-1', credentialsId: 'aws-test') }"));

    r.assertLogNotContains("no AWS credentials", run);
    r.assertLogContains("(exit code 3)", run);
    r.assertLogNotContains(SECRET, run);
  }
}
