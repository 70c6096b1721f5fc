package io.deployguard.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The GitLab template and the Jenkinsfile run where only they are (a project that includes the
 * template, a Jenkins workspace), so each carries bin/deployguard as text. They must carry it
 * unchanged: one launcher, tested once in LauncherIT and again through each of them.
 */
class LauncherCopiesTest {
  private static final Path BASEDIR = Path.of(System.getProperty("user.dir"));
  private static final String HOW = "copy bin/deployguard into it again, unchanged";

  private static String launcher() throws Exception {
    return Files.readString(BASEDIR.resolve("bin/deployguard"));
  }

  @Test
  void gitlabTemplate_carriesBinDeployguard_asItsDgFunction() throws Exception {
    String template = Files.readString(BASEDIR.resolve("gitlab-template/deployguard.yml"));
    String open = "      dg() (\n";
    int start = template.indexOf(open) + open.length();
    int end = template.indexOf("\n      )\n", start) + 1;
    assertThat(start).as("dg() ( in the template").isGreaterThanOrEqualTo(open.length());
    String carried = template.substring(start, end).lines()
        .map(line -> line.isEmpty() ? line : line.substring(Math.min(6, line.length())))
        .reduce(new StringBuilder(), (b, l) -> b.append(l).append('\n'), StringBuilder::append).toString();

    assertThat(carried).as("the template's dg() (%s)", HOW).isEqualTo(launcher());
  }

  @Test
  void jenkinsfile_carriesBinDeployguard_inItsDownloadStep() throws Exception {
    String jenkinsfile = Files.readString(BASEDIR.resolve("examples/jenkins/Jenkinsfile"));
    String step = JenkinsfileStepIT.shStep(jenkinsfile, "Pre-deploy checks");
    String open = "<<'LAUNCHER'\n";
    int start = step.indexOf(open) + open.length();
    int end = step.indexOf("\nLAUNCHER\n", start) + 1;
    assertThat(start).as("a LAUNCHER here-document in the step").isGreaterThanOrEqualTo(open.length());

    assertThat(step.substring(start, end)).as("the Jenkinsfile's launcher (%s)", HOW).isEqualTo(launcher());
    assertThat(jenkinsfile.substring(jenkinsfile.indexOf("\n/*\n") + 1)).as("the commented pipeline is closed only at its end")
        .satisfies(comment -> assertThat(comment.indexOf("*/")).isEqualTo(comment.stripTrailing().length() - 2));
  }
}
