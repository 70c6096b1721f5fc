package io.deployguard.jenkins;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import hudson.model.Computer;
import hudson.model.Node;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import hudson.slaves.WorkspaceList;
import io.deployguard.jenkins.core.JarInstaller;
import io.deployguard.jenkins.core.JavaCommand;
import io.deployguard.jenkins.core.Judgement;
import io.deployguard.jenkins.core.ReportFile;
import io.deployguard.jenkins.core.ReportsDir;
import io.deployguard.jenkins.core.SecretMasker;
import io.deployguard.jenkins.core.Severity;
import io.deployguard.jenkins.core.StepInputException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * One run of a deployguard step: checks the parameters, finds the tool's jar on the agent, empties
 * the reports directory of the step's own old reports, launches {@code java -jar} through the
 * step's {@link Launcher} in the step's {@link EnvVars} (so {@code withAWS}, {@code withCredentials},
 * {@code withEnv} and {@code docker.image(...).inside} apply), streams its output into the build log
 * with bound secrets masked, and turns the exit code and JSON report into the build result
 * ({@link Judgement}). Off the CPS thread; the scan is not resumed after a controller restart.
 */
final class StepLaunch extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
  @Serial private static final long serialVersionUID = 1L;

  @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
      justification = "Not resumed after a restart: SynchronousNonBlockingStepExecution fails the step instead")
  private final transient DeployguardStep step;

  StepLaunch(StepContext context, DeployguardStep step) {
    super(context);
    this.step = step;
  }

  @Override
  protected Map<String, Object> run() throws Exception {
    StepContext context = getContext();
    Run<?, ?> run = context.get(Run.class);
    TaskListener listener = context.get(TaskListener.class);
    FilePath workspace = context.get(FilePath.class);
    Launcher launcher = context.get(Launcher.class);
    EnvVars env = context.get(EnvVars.class);
    String function = step.getDescriptor().getFunctionName();

    ReportsDir dir;
    Severity unstableAt;
    DeployguardStep.Invocation invocation;
    JavaCommand.Launch launch;
    try {
      dir = ReportsDir.parse(step.getReportsDir(), step.defaultReportsDir());
      unstableAt = step.unstableAtSeverity();
      invocation = step.invocation(workspace, dir, step.failOnSeverity());
      dir.checkHoldsNone(invocation.inputPaths());
      String jar = stagedJar(context, env, listener, workspace);
      String staged = launcher.isUnix() ? stagedLauncher(workspace, jar, listener, function) : null;
      launch = JavaCommand.launch(JavaCommand.java(env, launcher.isUnix()), env, jar, staged, invocation.arguments());
    } catch (StepInputException e) {
      throw new AbortException(function + ": " + e.getMessage());
    }

    EnvVars childEnv = new EnvVars(env);
    childEnv.putAll(launch.env());
    List<String> secrets = step.bind(run, childEnv, listener);

    List<String> deleted = workspace.act(new ReportsWork(function, dir.path(), invocation.reports(), false));
    if (!deleted.isEmpty()) {
      listener.getLogger().println(function + ": removed the reports of an earlier run: " + String.join(", ", deleted));
    }

    int exit;
    try {
      exit = launch(launcher, launch.command(), childEnv, workspace, listener, secrets, function);
    } catch (IOException | InterruptedException | RuntimeException e) {
      // An aborted run may have written reports too; record them, or the next run would refuse them as not its own.
      try {
        workspace.act(new ReportsWork(function, dir.path(), invocation.reports(), true));
      } catch (IOException | InterruptedException | RuntimeException recording) {
        e.addSuppressed(recording);
      }
      throw e;
    }
    workspace.act(new ReportsWork(function, dir.path(), invocation.reports(), true));

    FilePath json = workspace.child(dir.file(ReportFile.JSON));
    String report;
    try {
      report = json.exists() ? json.readToString() : null;
    } catch (IOException e) {
      throw new AbortException(function + ": " + StepInputException.onDisk("reading " + json.getRemote(), e).getMessage());
    }
    Judgement judgement = Judgement.of(function, exit, report, step.isSoftFail(), unstableAt, dir,
        invocation.reports());
    switch (judgement.result()) {
      case FAILURE -> throw new AbortException(judgement.message());
      case UNSTABLE -> {
        listener.getLogger().println(judgement.message());
        FlowNode node = context.get(FlowNode.class);
        if (node != null) {
          // Marks this step's stage, not only the build, as Pipeline stage views show it.
          node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(judgement.message()));
        }
        run.setResult(Result.UNSTABLE);
      }
      case SUCCESS -> listener.getLogger().println(judgement.message());
    }
    return new LinkedHashMap<>(judgement.value());
  }

  /**
   * The tool's jar, copied into the workspace's temporary folder ({@code WORKSPACE@tmp}), which
   * {@code docker.image(...).inside} mounts into the container as it mounts the workspace; the
   * tool folder itself is not. Copied again only when the tool's jar changed.
   */
  private String stagedJar(StepContext context, EnvVars env, TaskListener listener, FilePath workspace)
      throws IOException, InterruptedException {
    DeployguardInstallation installation = installation(step.getInstallation());
    Computer computer = context.get(Computer.class);
    Node node = computer == null ? null : computer.getNode();
    if (node == null) {
      throw new StepInputException("the agent of this node block is offline or gone; run the step inside node { }");
    }
    DeployguardInstallation here = installation.forNode(node, listener).forEnvironment(env);
    String home = here.getHome();
    if (home == null || home.isBlank()) {
      throw new StepInputException("the deployguard tool '" + installation.getName() + "' has no home on "
          + node.getDisplayName() + ": give it an installation directory or the installer 'Download a deployguard"
          + " release' under Manage Jenkins » Tools");
    }
    FilePath jar = new FilePath(workspace.getChannel(), JarInstaller.jarIn(home));
    if (!jar.exists()) {
      throw new StepInputException("the deployguard tool '" + installation.getName() + "' has no jar at "
          + jar.getRemote() + " on " + node.getDisplayName() + "; fix its installation directory or add the"
          + " installer under Manage Jenkins » Tools");
    }
    FilePath tmp = WorkspaceList.tempDir(workspace);
    if (tmp == null) {
      return jar.getRemote();
    }
    FilePath stagingDir = tmp.child("deployguard");
    FilePath staged = stagingDir.child(JarInstaller.JAR_NAME);
    if (!staged.exists() || staged.length() != jar.length() || staged.lastModified() < jar.lastModified()) {
      try {
        stagingDir.mkdirs();
        jar.copyTo(staged);
      } catch (IOException e) {
        throw StepInputException.onDisk("copying the deployguard jar to " + staged.getRemote(), e);
      }
    }
    return staged.getRemote();
  }

  /**
   * {@link JavaCommand#LAUNCHER} beside the staged jar, written when the file there differs from it;
   * null when it cannot be written (one line says so, and the step runs {@code java -jar}, without
   * a class-data archive).
   */
  private static String stagedLauncher(FilePath workspace, String jar, TaskListener listener, String function)
      throws InterruptedException {
    FilePath file = new FilePath(workspace.getChannel(), jar).sibling(JavaCommand.LAUNCHER_NAME);
    try {
      if (!file.exists() || !JavaCommand.LAUNCHER.equals(file.readToString())) {
        file.write(JavaCommand.LAUNCHER, "UTF-8");
      }
      return file.getRemote();
    } catch (IOException e) {
      listener.getLogger().println(function + ": " + StepInputException.onDisk("writing the launcher to " + file.getRemote(), e)
          .getMessage() + "; running java -jar, without a class-data archive");
      return null;
    }
  }

  /** The installation named, or the only one; a one-line error naming the choices otherwise. */
  static DeployguardInstallation installation(String name) {
    DeployguardInstallation[] all = DeployguardInstallation.configured();
    List<String> names = Arrays.stream(all).map(DeployguardInstallation::getName).toList();
    if (all.length == 0) {
      throw new StepInputException("no deployguard tool is configured; add one under Manage Jenkins » Tools »"
          + " deployguard installations (a path on the agents, or the installer that downloads a release)");
    }
    if (name.isEmpty()) {
      if (all.length > 1) {
        throw new StepInputException("installation: several deployguard tools are configured (" + String.join(", ", names)
            + "); name one, e.g. installation: '" + names.get(0) + "'");
      }
      return all[0];
    }
    return Arrays.stream(all).filter(i -> name.equals(i.getName())).findFirst().orElseThrow(() ->
        new StepInputException("installation '" + name + "': no deployguard tool of that name; configured: "
            + String.join(", ", names)));
  }

  private static int launch(Launcher launcher, List<String> command, EnvVars env, FilePath workspace,
      TaskListener listener, List<String> secrets, String function) throws IOException, InterruptedException {
    try (OutputStream out = new SecretMasker(listener.getLogger(), secrets);
        OutputStream err = new SecretMasker(listener.getLogger(), secrets)) {
      Proc proc;
      try {
        proc = launcher.launch().cmds(command).envs(env).pwd(workspace).stdout(out).stderr(err).quiet(false).start();
      } catch (IOException e) {
        throw new AbortException(function + ": " + JavaCommand.MISSING_JAVA + " (" + e.getMessage() + ")");
      }
      try {
        return proc.join();
      } catch (InterruptedException e) {
        proc.kill();
        throw e;
      }
    }
  }

  /**
   * {@link ReportsDir#prepare} (before the run: removes the reports the step wrote in an earlier
   * run) or {@link ReportsDir#record} (after it: notes what this run wrote), on the machine that
   * holds the workspace; a refusal is one line.
   */
  private static final class ReportsWork extends MasterToSlaveFileCallable<ArrayList<String>> {
    private static final long serialVersionUID = 1L;

    private final String function;
    private final String dir;
    private final ArrayList<ReportFile> reports;
    private final boolean record;

    ReportsWork(String function, String dir, List<ReportFile> reports, boolean record) {
      this.function = function;
      this.dir = dir;
      this.reports = new ArrayList<>(reports);
      this.record = record;
    }

    @Override
    public ArrayList<String> invoke(File workspace, VirtualChannel channel) throws IOException {
      try {
        ReportsDir folder = ReportsDir.parse(dir, dir);
        try {
          if (record) {
            folder.record(workspace.toPath(), reports);
            return new ArrayList<>();
          }
          return new ArrayList<>(folder.prepare(workspace.toPath(), reports));
        } catch (IOException e) {
          throw StepInputException.onDisk("reportsDir '" + dir + "': "
              + (record ? "recording the reports of this run" : "removing the reports of an earlier run"), e);
        }
      } catch (StepInputException e) {
        throw new AbortException(function + ": " + e.getMessage());
      }
    }
  }
}
