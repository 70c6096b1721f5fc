package io.deployguard.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.deployguard.jenkins.core.ReportFile;
import io.deployguard.jenkins.core.ReportsDir;
import io.deployguard.jenkins.core.Severity;
import io.deployguard.jenkins.core.StepInputException;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * What both deployguard steps share: the tool installation to run, the configuration, the
 * verdict parameters and the reports directory. A step runs {@code java -jar} on the agent of
 * the enclosing {@code node} through the step's launcher and environment (see {@link StepLaunch}).
 */
public abstract class DeployguardStep extends Step {

  private String installation = "";
  private String config = "";
  private String failOn = "";
  private String unstableAt = "";
  private boolean softFail;
  private String reportsDir;

  /** What the command line is asked to do, once the step's inputs are known on the agent. */
  record Invocation(List<String> arguments, List<String> inputPaths, List<ReportFile> reports) {}

  /** Where reports go when {@code reportsDir} is empty. */
  abstract String defaultReportsDir();

  /** The arguments after {@code java -jar deployguard.jar}; patterns are expanded in {@code workspace}. */
  abstract Invocation invocation(FilePath workspace, ReportsDir reports, Severity failOn)
      throws IOException, InterruptedException;

  /**
   * Adds what the step binds into the child's environment (credentials) and returns the values to
   * mask in the log; none by default.
   */
  List<String> bind(Run<?, ?> run, EnvVars childEnv, TaskListener listener) throws IOException, InterruptedException {
    return List.of();
  }

  public String getInstallation() {
    return installation;
  }

  /** The name of a deployguard tool installation; empty: the only one configured. */
  @DataBoundSetter
  public void setInstallation(String installation) {
    this.installation = Util.fixNull(installation).trim();
  }

  public String getConfig() {
    return config;
  }

  /** deployguard.yml, relative to the workspace; empty: ./deployguard.yml when present. */
  @DataBoundSetter
  public void setConfig(String config) {
    this.config = Util.fixNull(config).trim();
  }

  public String getFailOn() {
    return failOn;
  }

  /** The lowest severity that fails the build; empty: the configuration's {@code fail_on} (default high). */
  @DataBoundSetter
  public void setFailOn(String failOn) {
    this.failOn = Util.fixNull(failOn).trim();
  }

  public String getUnstableAt() {
    return unstableAt;
  }

  /** Findings at or above this severity, below the fail threshold, make the build UNSTABLE; empty: never. */
  @DataBoundSetter
  public void setUnstableAt(String unstableAt) {
    this.unstableAt = Util.fixNull(unstableAt).trim();
  }

  public boolean isSoftFail() {
    return softFail;
  }

  /** Findings at the fail threshold make the build UNSTABLE instead of failing it. */
  @DataBoundSetter
  public void setSoftFail(boolean softFail) {
    this.softFail = softFail;
  }

  public String getReportsDir() {
    return reportsDir == null ? defaultReportsDir() : reportsDir;
  }

  /** Workspace folder for the reports; empty: the step's default. */
  @DataBoundSetter
  public void setReportsDir(String reportsDir) {
    this.reportsDir = Util.fixEmptyAndTrim(reportsDir);
  }

  @Override
  public StepExecution start(StepContext context) {
    return new StepLaunch(context, this);
  }

  /** What both steps' descriptors share: their context, the choice lists and the reportsDir check. */
  abstract static class DeployguardStepDescriptor extends StepDescriptor {

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(Run.class, FilePath.class, Launcher.class, EnvVars.class, TaskListener.class, Computer.class,
          FlowNode.class);
    }

    /** The default shown in the form and used when the field is empty. */
    abstract String defaultReportsDir();

    public ListBoxModel doFillInstallationItems() {
      ListBoxModel items = new ListBoxModel();
      items.add("The only one configured", "");
      for (DeployguardInstallation i : DeployguardInstallation.configured()) {
        items.add(i.getName(), i.getName());
      }
      return items;
    }

    public ListBoxModel doFillFailOnItems() {
      return Severities.items("From the configuration (default: high)");
    }

    public ListBoxModel doFillUnstableAtItems() {
      return Severities.items("Never");
    }

    public FormValidation doCheckReportsDir(@QueryParameter String value) {
      try {
        ReportsDir dir = ReportsDir.parse(value, defaultReportsDir());
        return FormValidation.ok("Reports go to " + dir.path() + "/ in the workspace; the step replaces only the"
            + " report files it wrote there itself.");
      } catch (StepInputException e) {
        return FormValidation.error(e.getMessage());
      }
    }

    @NonNull
    @Override
    public abstract String getDisplayName();
  }

  /** For {@link StepLaunch}: the parsed severity parameters, named in errors as the step names them. */
  Severity failOnSeverity() {
    return Severity.parseOptional("failOn", failOn);
  }

  Severity unstableAtSeverity() {
    return Severity.parseOptional("unstableAt", unstableAt);
  }
}
