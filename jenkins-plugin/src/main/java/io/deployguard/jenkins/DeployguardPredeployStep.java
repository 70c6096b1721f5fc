package io.deployguard.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import java.io.Serial;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code deployguardPredeploy(plans: 'tfplan.json', dockerfiles: 'Dockerfile')}: checks
 * Terraform plans, Dockerfiles and images before deploy, like {@code deployguard predeploy}. With
 * no inputs given, the configuration's {@code predeploy:} section names them.
 */
public final class DeployguardPredeployStep extends Step {

  private String plans = "";
  private String dockerfiles = "";
  private String images = "";
  private String config = "";
  private String failOn = "";
  private String unstableAt = "";
  private boolean softFail;
  private boolean sast;
  private String reportsDir = "deployguard-reports";

  @DataBoundConstructor
  public DeployguardPredeployStep() {}

  public String getPlans() { return plans; }

  /** Plan JSON files ({@code terraform show -json}), whitespace- or comma-separated; Ant patterns allowed. */
  @DataBoundSetter
  public void setPlans(String plans) { this.plans = plans == null ? "" : plans; }

  public String getDockerfiles() { return dockerfiles; }

  /** Dockerfiles, whitespace- or comma-separated; Ant patterns allowed. */
  @DataBoundSetter
  public void setDockerfiles(String dockerfiles) { this.dockerfiles = dockerfiles == null ? "" : dockerfiles; }

  public String getImages() { return images; }

  /** Image sources ({@code docker-archive:PATH}, {@code docker-daemon:REF} ...), whitespace-separated. */
  @DataBoundSetter
  public void setImages(String images) { this.images = images == null ? "" : images; }

  public String getConfig() { return config; }

  /** deployguard.yml in the workspace; empty means ./deployguard.yml when present. */
  @DataBoundSetter
  public void setConfig(String config) { this.config = config == null ? "" : config; }

  public String getFailOn() { return failOn; }

  /** Severity that fails the build; empty means the configuration's {@code fail_on}. */
  @DataBoundSetter
  public void setFailOn(String failOn) { this.failOn = failOn == null ? "" : failOn; }

  public String getUnstableAt() { return unstableAt; }

  /** Findings at or above this severity, but below the fail threshold, make the build UNSTABLE; empty: never. */
  @DataBoundSetter
  public void setUnstableAt(String unstableAt) { this.unstableAt = unstableAt == null ? "" : unstableAt; }

  public boolean isSoftFail() { return softFail; }

  /** Findings at the threshold make the build UNSTABLE instead of failing it. */
  @DataBoundSetter
  public void setSoftFail(boolean softFail) { this.softFail = softFail; }

  public boolean isSast() { return sast; }

  /** Also write a GitLab SAST report. */
  @DataBoundSetter
  public void setSast(boolean sast) { this.sast = sast; }

  public String getReportsDir() { return reportsDir; }

  /** Workspace directory for the reports; emptied first. */
  @DataBoundSetter
  public void setReportsDir(String reportsDir) {
    this.reportsDir = reportsDir == null || reportsDir.isBlank() ? "deployguard-reports" : reportsDir.trim();
  }

  @Override
  public StepExecution start(StepContext context) {
    return new Execution(context, this);
  }

  /** Runs the scan off the CPS thread; the scan itself runs on the agent. */
  static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    @Serial private static final long serialVersionUID = 1L;

    private final transient DeployguardPredeployStep step;

    Execution(StepContext context, DeployguardPredeployStep step) {
      super(context);
      this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
      StepContext context = getContext();
      TaskListener listener = context.get(TaskListener.class);
      FilePath workspace = context.get(FilePath.class);
      ScanOutcome outcome = workspace.act(new PredeployScan(listener, step));
      return Verdict.apply(DescriptorImpl.FUNCTION, outcome, context.get(Run.class), context.get(FlowNode.class),
          listener);
    }
  }

  /** Registers the step under its Pipeline name. */
  @Extension
  @Symbol(DescriptorImpl.FUNCTION)
  public static final class DescriptorImpl extends StepDescriptor {
    static final String FUNCTION = "deployguardPredeploy";

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(Run.class, FilePath.class, TaskListener.class);
    }

    @Override
    public String getFunctionName() {
      return FUNCTION;
    }

    @NonNull
    @Override
    public String getDisplayName() {
      return "deployguard: check plans, Dockerfiles and images before deploy";
    }

    public ListBoxModel doFillFailOnItems() {
      return Severities.items("From the configuration (default: high)");
    }

    public ListBoxModel doFillUnstableAtItems() {
      return Severities.items("Never");
    }
  }
}
