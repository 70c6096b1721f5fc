package io.deployguard.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.Util;
import hudson.model.EnvironmentSpecific;
import hudson.model.Node;
import hudson.model.TaskListener;
import hudson.slaves.NodeSpecific;
import hudson.tools.ToolDescriptor;
import hudson.tools.ToolInstallation;
import hudson.tools.ToolInstaller;
import hudson.tools.ToolProperty;
import hudson.util.FormValidation;
import io.deployguard.jenkins.core.JarInstaller;
import io.deployguard.jenkins.core.Release;
import java.io.File;
import java.io.IOException;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;

/**
 * The {@code deployguard} tool (Manage Jenkins » Tools): where the runnable jar is on a node,
 * either a path there (a folder holding {@code deployguard.jar}, or the jar itself) or a folder
 * that {@link DeployguardInstaller} fills with a released jar. The steps run it with
 * {@code java -jar}; {@code tool 'NAME'} and {@code tools { deployguard 'NAME' }} give its home,
 * and set {@code DEPLOYGUARD_JAR} for {@code sh} steps.
 */
public final class DeployguardInstallation extends ToolInstallation
    implements NodeSpecific<DeployguardInstallation>, EnvironmentSpecific<DeployguardInstallation> {
  private static final long serialVersionUID = 1L;

  @DataBoundConstructor
  public DeployguardInstallation(String name, String home, List<? extends ToolProperty<?>> properties) {
    super(Util.fixEmptyAndTrim(name), Util.fixEmptyAndTrim(home), properties);
  }

  @Override
  public DeployguardInstallation forNode(@NonNull Node node, TaskListener log) throws IOException, InterruptedException {
    return new DeployguardInstallation(getName(), translateFor(node, log), getProperties().toList());
  }

  @Override
  public DeployguardInstallation forEnvironment(EnvVars environment) {
    return new DeployguardInstallation(getName(), environment.expand(getHome()), getProperties().toList());
  }

  @Override
  public void buildEnvVars(EnvVars env) {
    String home = getHome();
    if (home != null) {
      env.put("DEPLOYGUARD_JAR", JarInstaller.jarIn(home));
    }
  }

  /** The installations, configured under Manage Jenkins » Tools. */
  static DeployguardInstallation[] configured() {
    return Jenkins.get().getDescriptorByType(DescriptorImpl.class).getInstallations();
  }

  /** Registers the tool type; {@code deployguard} in {@code tools {}} blocks and JCasC. */
  @Extension
  @Symbol("deployguard")
  public static final class DescriptorImpl extends ToolDescriptor<DeployguardInstallation> {

    public DescriptorImpl() {
      super(DeployguardInstallation.class);
      load();
    }

    @NonNull
    @Override
    public String getDisplayName() {
      return "deployguard";
    }

    @Override
    public List<? extends ToolInstaller> getDefaultInstallers() {
      return List.of(new DeployguardInstaller(null, Release.DEFAULT_VERSION));
    }

    @Override
    public void setInstallations(DeployguardInstallation... installations) {
      super.setInstallations(installations);
      save();
    }

    /** Accepts a folder holding {@code deployguard.jar} or the path of a jar; it may exist on the agents only. */
    @Override
    public FormValidation doCheckHome(@QueryParameter File value) {
      Jenkins.get().checkPermission(Jenkins.ADMINISTER);
      String path = value.getPath();
      if (path.isEmpty()) {
        return FormValidation.ok();
      }
      File jar = new File(JarInstaller.jarIn(path));
      return jar.isFile()
          ? FormValidation.ok()
          : FormValidation.warning("No " + jar + " on the controller; fine if it exists on the agents that run the steps.");
    }
  }
}
