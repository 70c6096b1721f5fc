package io.deployguard.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.sun.net.httpserver.HttpServer;
import hudson.FilePath;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import hudson.tasks.junit.TestResultAction;
import hudson.tools.InstallSourceProperty;
import io.jenkins.plugins.analysis.core.model.ResultAction;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The steps in a real Jenkins with a real agent, running the real deployguard jar of the root
 * build ({@code deployguard.jar} system property, set by the POM): the exit code decides the build
 * result, the reports it writes are the ones {@code junit} and Warnings NG publish, and the step's
 * environment reaches the child process.
 */
@WithJenkins
class DeployguardStepsTest {

  private static final String SECRET = "wJalrXUtnFEMI-deployguard-test-secret";

  private JenkinsRule r;

  @BeforeEach
  void tool(JenkinsRule rule) {
    r = rule;
    String jar = System.getProperty("deployguard.jar");
    assertTrue(jar != null && new File(jar).isFile(),
        "the root build's runnable jar is needed: run mvn package at the root first (looked for " + jar + ")");
    r.jenkins.getDescriptorByType(DeployguardInstallation.DescriptorImpl.class)
        .setInstallations(new DeployguardInstallation("deployguard", jar, List.of()));
  }

  private static String example(String name) throws IOException {
    return Files.readString(Path.of(System.getProperty("deployguard.examples"), name));
  }

  private WorkflowJob pipeline(String name, String body) throws Exception {
    WorkflowJob job = r.createProject(WorkflowJob.class, name);
    job.setDefinition(new CpsFlowDefinition(body, true));
    return job;
  }

  private String publishing(String stepArgs) {
    return "node('scanner') {\n"
        + "  writeFile file: 'Dockerfile', text: '''" + "%s" + "'''\n"
        + "  writeFile file: '.dockerignore', text: 'target\\n'\n"
        + "  try {\n"
        + "    deployguardPredeploy dockerfiles: 'Dockerfile'" + stepArgs + "\n"
        + "  } finally {\n"
        + "    junit testResults: 'deployguard-reports/deployguard-junit.xml', skipMarkingBuildUnstable: true\n"
        + "    recordIssues tool: sarif(pattern: 'deployguard-reports/deployguard.sarif')\n"
        + "  }\n"
        + "}\n";
  }

  private String script(String template, String exampleName) throws IOException {
    return template.formatted(example(exampleName).replace("\\", "\\\\").replace("'''", ""));
  }

  @Test
  void singleStageDockerfile_failsTheBuildOnTheAgent_andItsReportsArePublished() throws Exception {
    DumbSlave agent = r.createOnlineSlave(r.jenkins.getLabel("scanner"));
    WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE,
        pipeline("bad", script(publishing(""), "Dockerfile.single-stage")));

    r.assertLogContains("DF001", run);
    r.assertLogContains("at or above the fail threshold 'high' (exit code 1)", run);
    r.assertLogContains("Running on " + agent.getNodeName(), run);
    TestResultAction tests = run.getAction(TestResultAction.class);
    assertNotNull(tests);
    assertTrue(tests.getFailCount() > 0);
    ResultAction issues = run.getAction(ResultAction.class);
    assertNotNull(issues);
    assertTrue(issues.getResult().getTotalSize() > 0);
  }

  @Test
  void singleStageDockerfile_withSoftFail_marksTheBuildUnstable() throws Exception {
    r.createOnlineSlave(r.jenkins.getLabel("scanner"));
    WorkflowRun run = r.buildAndAssertStatus(Result.UNSTABLE,
        pipeline("soft", script(publishing(", softFail: true"), "Dockerfile.single-stage")));

    r.assertLogContains("mark the build UNSTABLE (softFail)", run);
    assertTrue(run.getAction(TestResultAction.class).getFailCount() > 0);
  }

  @Test
  void findingsBelowTheFailThreshold_butAtUnstableAt_markTheBuildUnstable() throws Exception {
    r.createOnlineSlave(r.jenkins.getLabel("scanner"));
    WorkflowRun run = r.buildAndAssertStatus(Result.UNSTABLE, pipeline("unstableAt",
        script(publishing(", failOn: 'critical', unstableAt: 'info'"), "Dockerfile.single-stage")));

    r.assertLogContains("at or above unstableAt 'info'", run);
  }

  @Test
  void multiStageDockerfile_passes_andTheStepReturnsVerdictCountsAndReports() throws Exception {
    WorkflowRun run = r.buildAndAssertSuccess(pipeline("good", script("node {\n"
        + "  writeFile file: 'Dockerfile', text: '''%s'''\n"
        + "  writeFile file: '.dockerignore', text: 'target\\n'\n"
        + "  def dg = deployguardPredeploy dockerfiles: 'Dockerfile', reportsDir: 'out'\n"
        + "  echo \"verdict=${dg.verdict} result=${dg.result} failing=${dg.counts.failing} junit=${dg.reports.junit}\"\n"
        + "}\n", "Dockerfile.multi-stage")));

    r.assertLogContains("verdict=pass result=SUCCESS failing=0 junit=out/deployguard-junit.xml", run);
  }

  @Test
  void aPlanPatternThatMatchesNothing_failsTheBuild_neverPasses() throws Exception {
    WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, pipeline("missing",
        "node { deployguardPredeploy plans: 'plans/**/tfplan.json' }"));

    r.assertLogContains("(exit code 3)", run);
  }

  @Test
  void reportsDirDot_isRejected_andTheWorkspaceKeepsItsFiles() throws Exception {
    WorkflowJob job = pipeline("dot", "node {\n"
        + "  writeFile file: 'Dockerfile', text: 'FROM scratch\\n'\n"
        + "  writeFile file: 'keep.txt', text: 'mine'\n"
        + "  deployguardPredeploy dockerfiles: 'Dockerfile', reportsDir: '.'\n"
        + "}\n");
    WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

    r.assertLogContains("deployguardPredeploy: reportsDir '.': is the workspace itself", run);
    FilePath ws = r.jenkins.getWorkspaceFor(job);
    assertEquals("mine", ws.child("keep.txt").readToString());
    assertTrue(ws.child("Dockerfile").exists());
  }

  @Test
  void reportsDirOutsideTheWorkspace_isRejected() throws Exception {
    r.assertLogContains("reportsDir '..': leaves the workspace", r.buildAndAssertStatus(Result.FAILURE,
        pipeline("up", "node { deployguardPredeploy dockerfiles: 'Dockerfile', reportsDir: '..' }")));
    r.assertLogContains("reportsDir '/tmp': is an absolute path", r.buildAndAssertStatus(Result.FAILURE,
        pipeline("abs", "node { deployguardPredeploy dockerfiles: 'Dockerfile', reportsDir: '/tmp' }")));
  }

  @Test
  void aReportsDirHoldingAnInput_isRejected() throws Exception {
    r.assertLogContains("reportsDir 'plans': holds the input 'plans/tfplan.json'", r.buildAndAssertStatus(
        Result.FAILURE, pipeline("holds",
            "node { deployguardPredeploy plans: 'plans/tfplan.json', reportsDir: 'plans' }")));
  }

  @Test
  void aReportFileTheStepDidNotWrite_stopsTheStep_andStays() throws Exception {
    WorkflowJob job = pipeline("foreign", "node {\n"
        + "  writeFile file: 'Dockerfile', text: 'FROM scratch\\n'\n"
        + "  writeFile file: 'deployguard-reports/deployguard.json', text: 'not the step\\'s'\n"
        + "  deployguardPredeploy dockerfiles: 'Dockerfile'\n"
        + "}\n");
    WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

    r.assertLogContains("'deployguard.json' there was not written by this step", run);
    assertEquals("not the step's", r.jenkins.getWorkspaceFor(job).child("deployguard-reports/deployguard.json")
        .readToString());
  }

  /** What a stand-in AWS endpoint saw, and the build that called it. */
  private record EndpointRun(WorkflowRun run, List<String> authorizations) {}

  /**
   * Runs {@code step} inside {@code withEnv} that points AWS at a stand-in endpoint, which records
   * each call's Authorization header (SigV4 names the access key and region) and refuses it.
   */
  private EndpointRun againstEndpoint(String name, String env, String step) throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      seen.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      byte[] body = "<Response><Errors><Error><Code>AuthFailure</Code><Message>test endpoint</Message></Error></Errors></Response>"
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(401, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort();
      WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, pipeline(name, "node {\n"
          + "  withEnv(['AWS_ENDPOINT_URL=" + url + "', 'AWS_MAX_ATTEMPTS=1', " + env + "]) {\n"
          + "    " + step + "\n"
          + "  }\n"
          + "}\n"));
      r.assertLogContains("(exit code 3)", run);
      return new EndpointRun(run, seen);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void withEnv_reachesTheChildProcess() throws Exception {
    EndpointRun e = againstEndpoint("env",
        "'AWS_REGION=eu-west-3', 'AWS_ACCESS_KEY_ID=AKIAFROMWITHENV', 'AWS_SECRET_ACCESS_KEY=x'", "deployguardPostdeploy()");

    assertTrue(e.authorizations().stream().anyMatch(a -> a.contains("Credential=AKIAFROMWITHENV/") && a.contains("/eu-west-3/")),
        "the scan used the endpoint, keys and region of withEnv: " + e.authorizations());
  }

  @Test
  void credentialsId_isBoundIntoTheChild_winsOverTheEnvironment_andIsMasked() throws Exception {
    SystemCredentialsProvider.getInstance().getCredentials().add(new AWSCredentialsImpl(
        CredentialsScope.GLOBAL, "aws-test", "AKIABOUNDBYSTEP", SECRET, "test"));
    EndpointRun e = againstEndpoint("creds", "'AWS_ACCESS_KEY_ID=AKIAFROMWITHENV', 'AWS_SECRET_ACCESS_KEY=x'",
        "deployguardPostdeploy credentialsId: 'aws-test', region: 'eu-west-1'");

    r.assertLogContains("using AWS credentials 'aws-test'", e.run());
    r.assertLogNotContains(SECRET, e.run());
    assertTrue(e.authorizations().stream().anyMatch(a -> a.contains("Credential=AKIABOUNDBYSTEP/")),
        "bound keys: " + e.authorizations());
    assertTrue(e.authorizations().stream().noneMatch(a -> a.contains("AKIAFROMWITHENV")),
        "the environment's keys lost: " + e.authorizations());
  }

  @Test
  void anUnknownCredentialsId_failsWithTheFix() throws Exception {
    WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, pipeline("nocreds",
        "node { deployguardPostdeploy credentialsId: 'nope', region: 'eu-west-1' }"));

    r.assertLogContains("credentialsId 'nope': no AWS credentials with that id are visible to this build", run);
  }

  /**
   * Publishes the root build's jar as release 0.1.0 in a Maven repository on disk, with
   * {@code sha256} as its checksum ({@code null}: the right one), and configures the tool
   * {@code released} to install it from there.
   */
  private void releasedFrom(Path repo, String sha256) throws Exception {
    byte[] jar = Files.readAllBytes(Path.of(System.getProperty("deployguard.jar")));
    Path dir = Files.createDirectories(repo.resolve("io/deployguard/deployguard/0.1.0"));
    Files.write(dir.resolve("deployguard-0.1.0-all.jar"), jar);
    Files.writeString(dir.resolve("deployguard-0.1.0-all.jar.sha256"), sha256 != null ? sha256
        : HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar)));
    DeployguardInstaller installer = new DeployguardInstaller(null, "0.1.0");
    installer.setRepositoryUrl(repo.toUri().toString());
    r.jenkins.getDescriptorByType(DeployguardInstallation.DescriptorImpl.class).setInstallations(
        new DeployguardInstallation("released", null, List.of(new InstallSourceProperty(List.of(installer)))));
  }

  @Test
  void theInstaller_downloadsTheReleaseOnTheAgent_checksItAndTheStepRunsIt(@TempDir Path repo) throws Exception {
    releasedFrom(repo, null);
    DumbSlave agent = r.createOnlineSlave(r.jenkins.getLabel("scanner"));

    WorkflowRun run = r.buildAndAssertSuccess(pipeline("installed", script("node('scanner') {\n"
        + "  writeFile file: 'Dockerfile', text: '''%s'''\n"
        + "  writeFile file: '.dockerignore', text: 'target\\n'\n"
        + "  deployguardPredeploy dockerfiles: 'Dockerfile', installation: 'released'\n"
        + "}\n", "Dockerfile.multi-stage")));

    r.assertLogContains("deployguard: downloading " + repo.toUri(), run);
    assertTrue(agent.getRootPath().child("tools/io.deployguard.jenkins.DeployguardInstallation/released/deployguard.jar")
        .exists());
  }

  @Test
  void aWrongChecksum_failsTheBuildAndInstallsNothing(@TempDir Path repo) throws Exception {
    releasedFrom(repo, "0".repeat(64));

    WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, pipeline("tampered",
        "node { deployguardPredeploy dockerfiles: 'Dockerfile' }"));

    r.assertLogContains("checksum mismatch", run);
    r.assertLogContains("nothing was installed", run);
  }
}
