package io.deployguard.jenkins;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.deployguard.jenkins.core.CliArguments;
import io.deployguard.jenkins.core.InputSpecs;
import io.deployguard.jenkins.core.ReportFile;
import io.deployguard.jenkins.core.ReportsDir;
import io.deployguard.jenkins.core.Severity;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.springframework.security.core.Authentication;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * {@code deployguardPostdeploy region: 'eu-west-1'}: runs {@code deployguard postdeploy} on the
 * agent against the live account the step's environment reaches ({@code withAWS},
 * {@code withCredentials}, {@code AWS_PROFILE}, the agent's own role), or the account of
 * {@code credentialsId} when given. It changes nothing unless {@code apply: true}.
 */
public final class DeployguardPostdeployStep extends DeployguardStep {

  static final String FUNCTION = "deployguardPostdeploy";
  static final String DEFAULT_REPORTS_DIR = "deployguard-postdeploy";

  private String region = "";
  private String credentialsId = "";
  private String plan = "";
  private boolean apply;
  private boolean createMissingAlarms;

  @DataBoundConstructor
  public DeployguardPostdeployStep() {}

  public String getRegion() {
    return region;
  }

  /** Regions to check, whitespace- or comma-separated; empty: the configuration, then AWS_REGION. */
  @DataBoundSetter
  public void setRegion(String region) {
    this.region = Util.fixNull(region).trim();
  }

  public String getCredentialsId() {
    return credentialsId;
  }

  /** An "AWS Credentials" entry (its role assumed if it has one); empty: the step's environment decides. */
  @DataBoundSetter
  public void setCredentialsId(String credentialsId) {
    this.credentialsId = Util.fixNull(credentialsId).trim();
  }

  public String getPlan() {
    return plan;
  }

  /** A plan JSON: live rules it does not declare are reported (DRIFT001), and the alarms it calls for required. */
  @DataBoundSetter
  public void setPlan(String plan) {
    this.plan = Util.fixNull(plan).trim();
  }

  public boolean isApply() {
    return apply;
  }

  /** Revoke violating rules (and create missing alarms with createMissingAlarms); otherwise change nothing. */
  @DataBoundSetter
  public void setApply(boolean apply) {
    this.apply = apply;
  }

  public boolean isCreateMissingAlarms() {
    return createMissingAlarms;
  }

  /** Create missing alarms from their templates; only with apply does this change anything. */
  @DataBoundSetter
  public void setCreateMissingAlarms(boolean createMissingAlarms) {
    this.createMissingAlarms = createMissingAlarms;
  }

  @Override
  String defaultReportsDir() {
    return DEFAULT_REPORTS_DIR;
  }

  @Override
  Invocation invocation(FilePath workspace, ReportsDir reports, Severity failOn) {
    CliArguments.Postdeploy p = new CliArguments.Postdeploy(InputSpecs.split(region), getConfig(), plan, failOn, apply,
        createMissingAlarms);
    return new Invocation(CliArguments.postdeploy(p, reports), p.inputPaths(), ReportFile.written(false));
  }

  /**
   * Binds {@code credentialsId} as the standard AWS variables, resolved on the controller (where
   * the credentials store is and any role is assumed), replacing whatever the environment had.
   */
  @Override
  List<String> bind(Run<?, ?> run, EnvVars childEnv, TaskListener listener) throws AbortException {
    if (credentialsId.isEmpty()) {
      return List.of();
    }
    AmazonWebServicesCredentials credentials =
        CredentialsProvider.findCredentialById(credentialsId, AmazonWebServicesCredentials.class, run, List.of());
    if (credentials == null) {
      throw new AbortException(FUNCTION + ": credentialsId '" + credentialsId + "': no AWS credentials with that id"
          + " are visible to this build; add them under Manage Jenkins » Credentials (kind AWS Credentials), or"
          + " fix the id");
    }
    CredentialsProvider.track(run, credentials);
    AwsCredentials resolved;
    try {
      resolved = credentials.resolveCredentials();
    } catch (RuntimeException e) {
      throw new AbortException(FUNCTION + ": credentialsId '" + credentialsId + "': could not be resolved (role"
          + " assumption or key lookup failed): " + e.getMessage());
    }
    List<String> secrets = new ArrayList<>(List.of(resolved.accessKeyId(), resolved.secretAccessKey()));
    childEnv.put("AWS_ACCESS_KEY_ID", resolved.accessKeyId());
    childEnv.put("AWS_SECRET_ACCESS_KEY", resolved.secretAccessKey());
    if (resolved instanceof AwsSessionCredentials session) {
      childEnv.put("AWS_SESSION_TOKEN", session.sessionToken());
      secrets.add(session.sessionToken());
    } else {
      // A token of the surrounding environment belongs to other keys. An empty value unsets it:
      // the launcher applies the map as overrides of the agent's own environment.
      childEnv.put("AWS_SESSION_TOKEN", "");
    }
    listener.getLogger().println(FUNCTION + ": using AWS credentials '" + credentialsId + "' ("
        + credentials.getDisplayName() + ")");
    return secrets;
  }

  /** Registers the step under its Pipeline name. */
  @Extension
  @Symbol(FUNCTION)
  public static final class DescriptorImpl extends DeployguardStepDescriptor {

    @Override
    public String getFunctionName() {
      return FUNCTION;
    }

    @NonNull
    @Override
    public String getDisplayName() {
      return "deployguard: check live security groups and CloudWatch alarms after deploy";
    }

    @Override
    String defaultReportsDir() {
      return DEFAULT_REPORTS_DIR;
    }

    /** Whether the current user may see the credentials list in the context of {@code item}. */
    private static boolean mayList(Item item) {
      return item == null
          ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
          : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    /** Whom the build runs as: the job's authentication, or SYSTEM for global credentials outside a job. */
    private static Authentication runAs(Item item) {
      return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }

    /**
     * AWS credentials the build could use, as the credentials plugin's consumer guide lists them:
     * only the current value for users who may not choose.
     */
    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
      StandardListBoxModel result = new StandardListBoxModel();
      if (!mayList(item)) {
        return result.includeCurrentValue(credentialsId);
      }
      return result
          .includeEmptyValue()
          .includeMatchingAs(runAs(item), item, AmazonWebServicesCredentials.class, List.of(),
              CredentialsMatchers.always())
          .includeCurrentValue(credentialsId);
    }

    public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
      if (!mayList(item) || Util.fixEmptyAndTrim(value) == null) {
        return FormValidation.ok();
      }
      if (value.startsWith("${") && value.endsWith("}")) {
        return FormValidation.warning("Cannot check a credentials id given as an expression");
      }
      ListBoxModel found = item == null
          ? CredentialsProvider.listCredentialsInItemGroup(AmazonWebServicesCredentials.class, Jenkins.get(),
              ACL.SYSTEM2, List.of(), CredentialsMatchers.withId(value))
          : CredentialsProvider.listCredentialsInItem(AmazonWebServicesCredentials.class, item, runAs(item), List.of(),
              CredentialsMatchers.withId(value));
      return found.isEmpty()
          ? FormValidation.error("No AWS credentials with id '" + value + "' are visible to this job")
          : FormValidation.ok();
    }

    public FormValidation doCheckRegion(@QueryParameter String value) {
      return Util.fixEmptyAndTrim(value) == null
          ? FormValidation.warning("Empty: the regions of the configuration, else AWS_REGION of the step's environment"
              + " (withAWS(region: ...) sets it)")
          : FormValidation.ok();
    }
  }
}
