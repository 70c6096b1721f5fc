package io.deployguard.jenkins;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
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
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code deployguardPostdeploy(region: 'eu-west-1', credentialsId: 'aws-prod')}: checks the live
 * account after deploy, like {@code deployguard postdeploy}. It changes nothing unless
 * {@code apply: true}.
 */
public final class DeployguardPostdeployStep extends Step {

  private final String region;
  private String credentialsId = "";
  private boolean apply;
  private String config = "";
  private String failOn = "";
  private boolean softFail;
  private String reportsDir = "deployguard-postdeploy";

  @DataBoundConstructor
  public DeployguardPostdeployStep(String region) {
    this.region = region == null ? "" : region.trim();
  }

  public String getRegion() { return region; }

  public String getCredentialsId() { return credentialsId; }

  /** Id of an "AWS Credentials" entry; empty means the agent's own (instance profile, environment). */
  @DataBoundSetter
  public void setCredentialsId(String credentialsId) { this.credentialsId = credentialsId == null ? "" : credentialsId; }

  public boolean isApply() { return apply; }

  /** Revoke violating rules and create missing alarms; otherwise report only. */
  @DataBoundSetter
  public void setApply(boolean apply) { this.apply = apply; }

  public String getConfig() { return config; }

  @DataBoundSetter
  public void setConfig(String config) { this.config = config == null ? "" : config; }

  public String getFailOn() { return failOn; }

  @DataBoundSetter
  public void setFailOn(String failOn) { this.failOn = failOn == null ? "" : failOn; }

  public boolean isSoftFail() { return softFail; }

  @DataBoundSetter
  public void setSoftFail(boolean softFail) { this.softFail = softFail; }

  public String getReportsDir() { return reportsDir; }

  @DataBoundSetter
  public void setReportsDir(String reportsDir) {
    this.reportsDir = reportsDir == null || reportsDir.isBlank() ? "deployguard-postdeploy" : reportsDir.trim();
  }

  @Override
  public StepExecution start(StepContext context) {
    return new Execution(context, this);
  }

  /** Resolves the credentials on the controller, then scans from the agent. */
  static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    @Serial private static final long serialVersionUID = 1L;

    private final transient DeployguardPostdeployStep step;

    Execution(StepContext context, DeployguardPostdeployStep step) {
      super(context);
      this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
      StepContext context = getContext();
      TaskListener listener = context.get(TaskListener.class);
      Run<?, ?> run = context.get(Run.class);
      if (step.getRegion().isEmpty()) {
        throw new AbortException(DescriptorImpl.FUNCTION + ": region is required, e.g. region: 'eu-west-1'");
      }
      AwsSession session = null;
      if (!step.getCredentialsId().isBlank()) {
        AmazonWebServicesCredentials credentials = CredentialsProvider.findCredentialById(
            step.getCredentialsId(), AmazonWebServicesCredentials.class, run);
        if (credentials == null) {
          throw new AbortException(DescriptorImpl.FUNCTION + ": no AWS credentials with id '"
              + step.getCredentialsId() + "' are visible to this build; add them under Manage Jenkins > Credentials"
              + " (kind: AWS Credentials) or fix credentialsId");
        }
        CredentialsProvider.track(run, credentials);
        session = AwsSession.resolve(credentials);
      }
      if (step.isApply()) {
        listener.getLogger().println(DescriptorImpl.FUNCTION + ": apply is on: violating rules in "
            + step.getRegion() + " will be revoked");
      }
      ScanOutcome outcome = context.get(FilePath.class).act(new PostdeployScan(listener, step, session));
      return Verdict.apply(DescriptorImpl.FUNCTION, outcome, run, context.get(FlowNode.class), listener);
    }
  }

  /** Registers the step under its Pipeline name. */
  @Extension
  @Symbol(DescriptorImpl.FUNCTION)
  public static final class DescriptorImpl extends StepDescriptor {
    static final String FUNCTION = "deployguardPostdeploy";

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
      return "deployguard: check live security groups and CloudWatch alarms after deploy";
    }

    public ListBoxModel doFillFailOnItems() {
      return Severities.items("From the configuration (default: high)");
    }

    /** Lists AWS credentials the job may use; nothing but the current value for users who cannot configure it. */
    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
      StandardListBoxModel model = new StandardListBoxModel();
      if (item == null || !item.hasPermission(Item.EXTENDED_READ)) {
        model.includeCurrentValue(credentialsId);
        return model;
      }
      model.includeEmptyValue();
      model.include(item, AmazonWebServicesCredentials.class);
      model.includeCurrentValue(credentialsId);
      return model;
    }

    public FormValidation doCheckRegion(@QueryParameter String value) {
      return value == null || value.isBlank()
          ? FormValidation.error("The AWS region to check, e.g. eu-west-1")
          : FormValidation.ok();
    }
  }
}
