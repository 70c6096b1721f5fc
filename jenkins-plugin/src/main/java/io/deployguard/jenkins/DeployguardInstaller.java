package io.deployguard.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Node;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import hudson.tools.ToolInstallation;
import hudson.tools.ToolInstaller;
import hudson.tools.ToolInstallerDescriptor;
import hudson.util.FormValidation;
import io.deployguard.jenkins.core.JarInstaller;
import io.deployguard.jenkins.core.Release;
import io.deployguard.jenkins.core.StepInputException;
import java.io.File;
import java.io.IOException;
import jenkins.MasterToSlaveFileCallable;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * Installs a released deployguard jar ({@code deployguard-VERSION-all.jar}) from a Maven
 * repository, Maven Central by default, into the node's tool folder. The node downloads it
 * itself, checks it against the repository's {@code .sha256} (or {@code .sha1}) before anything
 * is moved into place, and keeps it: later builds on that node reuse it after checking its SHA-256.
 */
public final class DeployguardInstaller extends ToolInstaller {

  private final String version;
  private String repositoryUrl = "";

  @DataBoundConstructor
  public DeployguardInstaller(String label, String version) {
    super(label);
    this.version = Util.fixNull(version).trim();
  }

  public String getVersion() {
    return version;
  }

  public String getRepositoryUrl() {
    return repositoryUrl;
  }

  /** The Maven repository to download from; empty: Maven Central. */
  @DataBoundSetter
  public void setRepositoryUrl(String repositoryUrl) {
    this.repositoryUrl = Util.fixNull(repositoryUrl).trim();
  }

  @Override
  public FilePath performInstallation(ToolInstallation tool, Node node, TaskListener log)
      throws IOException, InterruptedException {
    Release release;
    try {
      release = Release.of(repositoryUrl, version);
    } catch (StepInputException e) {
      throw new AbortException("deployguard tool '" + tool.getName() + "': " + e.getMessage());
    }
    FilePath dir = preferredLocation(tool, node);
    dir.act(new Install(release.repository().toString(), release.version(), log));
    return dir;
  }

  /** The download and check, on the node that will run the jar. */
  private static final class Install extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;

    private final String repositoryUrl;
    private final String version;
    private final TaskListener log;

    Install(String repositoryUrl, String version, TaskListener log) {
      this.repositoryUrl = repositoryUrl;
      this.version = version;
      this.log = log;
    }

    @Override
    public String invoke(File dir, VirtualChannel channel) throws IOException {
      try {
        return new JarInstaller(JarInstaller.urlConnections(), log.getLogger()::println)
            .install(Release.of(repositoryUrl, version), dir.toPath()).toString();
      } catch (IOException | StepInputException e) {
        // One line in the build log, not a trace: the message names the URL and the fix.
        throw new AbortException(e.getMessage());
      }
    }
  }

  /** Registers the installer for the deployguard tool only. */
  @Extension
  @Symbol("deployguardRelease")
  public static final class DescriptorImpl extends ToolInstallerDescriptor<DeployguardInstaller> {

    @NonNull
    @Override
    public String getDisplayName() {
      return "Download a deployguard release from a Maven repository";
    }

    @Override
    public boolean isApplicable(Class<? extends ToolInstallation> toolType) {
      return toolType == DeployguardInstallation.class;
    }

    /** Checks the form of the version only; whether it is released shows at the first build. */
    public FormValidation doCheckVersion(@QueryParameter String value) {
      try {
        Release.of("", value);
        return FormValidation.ok();
      } catch (StepInputException e) {
        return FormValidation.error(e.getMessage());
      }
    }

    public FormValidation doCheckRepositoryUrl(@QueryParameter String value) {
      try {
        Release.of(value, Release.DEFAULT_VERSION);
        return FormValidation.ok();
      } catch (StepInputException e) {
        return FormValidation.error(e.getMessage());
      }
    }
  }
}
