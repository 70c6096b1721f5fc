package io.deployguard.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import io.deployguard.jenkins.core.CliArguments;
import io.deployguard.jenkins.core.InputSpecs;
import io.deployguard.jenkins.core.ReportFile;
import io.deployguard.jenkins.core.ReportsDir;
import io.deployguard.jenkins.core.Severity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code deployguardPredeploy dockerfiles: 'Dockerfile', plans: 'tfplan.json'}: runs
 * {@code deployguard predeploy} on the agent over Terraform plans, Dockerfiles and images. With no
 * inputs given, the configuration's {@code predeploy:} section names them.
 */
public final class DeployguardPredeployStep extends DeployguardStep {

  static final String FUNCTION = "deployguardPredeploy";
  static final String DEFAULT_REPORTS_DIR = "deployguard-reports";

  private String plans = "";
  private String dockerfiles = "";
  private String images = "";
  private boolean sast;

  @DataBoundConstructor
  public DeployguardPredeployStep() {}

  public String getPlans() {
    return plans;
  }

  /** Plan JSON files ({@code terraform show -json}), whitespace- or comma-separated; Ant patterns allowed. */
  @DataBoundSetter
  public void setPlans(String plans) {
    this.plans = Util.fixNull(plans).trim();
  }

  public String getDockerfiles() {
    return dockerfiles;
  }

  /** Dockerfiles, whitespace- or comma-separated; Ant patterns allowed. */
  @DataBoundSetter
  public void setDockerfiles(String dockerfiles) {
    this.dockerfiles = Util.fixNull(dockerfiles).trim();
  }

  public String getImages() {
    return images;
  }

  /** Image sources ({@code docker-archive:PATH}, {@code docker-daemon:REF} ...), whitespace-separated. */
  @DataBoundSetter
  public void setImages(String images) {
    this.images = Util.fixNull(images).trim();
  }

  public boolean isSast() {
    return sast;
  }

  /** Also write a GitLab SAST report. */
  @DataBoundSetter
  public void setSast(boolean sast) {
    this.sast = sast;
  }

  @Override
  String defaultReportsDir() {
    return DEFAULT_REPORTS_DIR;
  }

  @Override
  Invocation invocation(FilePath workspace, ReportsDir reports, Severity failOn)
      throws IOException, InterruptedException {
    CliArguments.Predeploy p = new CliArguments.Predeploy(expand(workspace, "plans", plans, reports),
        expand(workspace, "dockerfiles", dockerfiles, reports), InputSpecs.split(images), getConfig(), failOn, sast);
    return new Invocation(CliArguments.predeploy(p, reports), p.inputPaths(), ReportFile.written(sast));
  }

  /**
   * The values of a list parameter, Ant patterns expanded in the workspace (never into the reports
   * folder, so an old report is not scanned as an input). A pattern that matches nothing stays as
   * written: the command line then reports it as a missing input instead of passing on nothing.
   * An absolute pattern stops the step with one line naming {@code parameter}.
   */
  static List<String> expand(FilePath workspace, String parameter, String spec, ReportsDir reports)
      throws IOException, InterruptedException {
    List<String> paths = new ArrayList<>();
    String root = workspace.getRemote();
    for (String token : InputSpecs.split(spec)) {
      if (!InputSpecs.isPattern(token)) {
        paths.add(token);
        continue;
      }
      FilePath[] matches = workspace.list(InputSpecs.relativePattern(parameter, token), reports.path() + "/**");
      if (matches.length == 0) {
        paths.add(token);
      }
      Arrays.stream(matches)
          .map(m -> m.getRemote().substring(root.length() + 1).replace('\\', '/'))
          .sorted()
          .forEach(paths::add);
    }
    return paths;
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
      return "deployguard: check plans, Dockerfiles and images before deploy";
    }

    @Override
    String defaultReportsDir() {
      return DEFAULT_REPORTS_DIR;
    }
  }
}
