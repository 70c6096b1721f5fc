package io.deployguard.pipelines;

import static io.deployguard.pipelines.DeployedRepository.BASEDIR;
import static io.deployguard.pipelines.DeployedRepository.VERSION;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The download step of {@code examples/jenkins/Jenkinsfile} (the pipeline without the plugin), run
 * as Jenkins runs an {@code sh} step: its text as a script, {@code sh -xe}, in a workspace, with the
 * pipeline's {@code environment} block; the release comes from this build deployed into a Maven
 * repository served on loopback.
 */
class JenkinsfileStepIT {
  private static final Path JENKINSFILE = BASEDIR.resolve("examples/jenkins/Jenkinsfile");

  @TempDir Path tmp;

  /** The text of the {@code sh '''...'''} step in the stage named {@code stage}. */
  static String shStep(String jenkinsfile, String stage) {
    int at = jenkinsfile.indexOf("stage('" + stage + "')");
    assertThat(at).as("stage '%s' in the Jenkinsfile", stage).isNotNegative();
    int start = jenkinsfile.indexOf("sh '''", at) + "sh '''".length();
    int end = jenkinsfile.indexOf("'''", start);
    String text = jenkinsfile.substring(start, end);
    // A Groovy ''' string takes backslashes as escapes; without any, Jenkins runs exactly this text.
    assertThat(text).as("the step has no backslash, so Groovy passes it on unchanged").doesNotContain("\\");
    return text;
  }

  /** The value the pipeline's environment block gives {@code name}. */
  private static String environment(String jenkinsfile, String name) {
    Matcher m = Pattern.compile("(?m)^\\s*" + name + " = '([^']*)'").matcher(jenkinsfile);
    assertThat(m.find()).as("%s in the Jenkinsfile's environment block", name).isTrue();
    return m.group(1);
  }

  private Path workspace(String example) throws IOException {
    Path ws = Files.createDirectories(tmp.resolve("workspace-" + example));
    try (var plan = PreCommitHooksIT.class.getResourceAsStream(example + "/tfplan.json");
         var dockerfile = PreCommitHooksIT.class.getResourceAsStream(example + "/Dockerfile")) {
      Files.copy(plan, ws.resolve("tfplan.json"));
      Files.copy(dockerfile, ws.resolve("Dockerfile"));
    }
    Files.writeString(ws.resolve("deployguard.yml"), "fail_on: high\n");
    return ws;
  }

  private Command runStep(Path workspace, String repositoryUrl, String javaOpts, String... more) throws Exception {
    String jenkinsfile = Files.readString(JENKINSFILE);
    Path script = Files.writeString(tmp.resolve("step.sh"), shStep(jenkinsfile, "Pre-deploy checks"));
    Map<String, String> env = new HashMap<>(Map.of("HOME", tmp.resolve("home").toString(),
        "DEPLOYGUARD_VERSION", environment(jenkinsfile, "DEPLOYGUARD_VERSION"),
        "DEPLOYGUARD_MAVEN_REPOSITORY", repositoryUrl, "JAVA_HOME", JvmArchives.JAVA_17.home.toString(),
        "JAVA_OPTS", javaOpts, "WORKSPACE", workspace.toString(),
        "DEPLOYGUARD_JAR", "", "DEPLOYGUARD_CACHE_DIR", "", "XDG_CACHE_HOME", "", "DEPLOYGUARD_JAVA_OPTS", ""));
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return Command.runApart(workspace, env, Duration.ofMinutes(3), List.of("sh", "-xe", script.toString()));
  }

  private Path cache() {
    return tmp.resolve("home/.cache/deployguard");
  }

  /** The launcher's own lines on stderr (sh -x traces the step's commands there too). */
  private static List<String> launcherLines(Command run) {
    return run.errors().lines().filter(l -> l.startsWith("deployguard: ")).toList();
  }

  @Test
  void step_downloadsTheReleaseOnce_failsTheBadExampleWithExit1_thenStartsWithItsArchive_evenADamagedOne()
      throws Exception {
    try (DeployedRepository repository = DeployedRepository.serve()) {
      Path ws = workspace("bad");
      String jvmLog = JvmArchives.JAVA_17.logOption;

      Command cold = runStep(ws, repository.url(), jvmLog);
      Command warm = runStep(ws, repository.url(), jvmLog);
      JvmArchives.damage(JvmArchives.JAVA_17.theArchive(cache()));
      Command damaged = runStep(ws, repository.url(), jvmLog);

      assertThat(cold.exitCode()).as(cold.output() + cold.errors()).isEqualTo(1);
      assertThat(launcherLines(cold)).containsExactly(
          "deployguard: downloading " + repository.url() + "/" + DeployedRepository.ALL_JAR_PATH);
      assertThat(cold.output()).contains("DF001", "SG002");
      assertThat(ws.resolve("deployguard-reports/deployguard-junit.xml")).isRegularFile();
      assertThat(JvmArchives.JAVA_17.usedAnArchive(cold.output(), cache())).isFalse();
      assertThat(warm.exitCode()).isEqualTo(1);
      assertThat(launcherLines(warm)).isEmpty();
      assertThat(JvmArchives.JAVA_17.usedAnArchive(warm.output(), cache())).as(warm.output()).isTrue();
      assertThat(damaged.exitCode()).isEqualTo(1);
      assertThat(damaged.output()).contains("DF001");
      assertThat(JvmArchives.JAVA_17.usedAnArchive(damaged.output(), cache())).isFalse();
      assertThat(repository.jarDownloads()).isEqualTo(1);
    }
  }

  @Test
  void wrongChecksum_andMissingVersion_eachStopTheStepWithOneLineAndExit2_andCacheNoJar() throws Exception {
    try (DeployedRepository repository = DeployedRepository.serve();
         DeployedRepository tampered = DeployedRepository.serveTampered(tmp.resolve("tampered"))) {
      Path ws = workspace("good");

      Command wrongSum = runStep(ws, tampered.url(), "");
      Command missing = runStep(ws, repository.url(), "", "DEPLOYGUARD_VERSION", "9.9.9");

      assertThat(wrongSum.exitCode()).isEqualTo(2);
      assertThat(launcherLines(wrongSum)).hasSize(2).last().asString().contains("does not match its published sha1");
      assertThat(missing.exitCode()).isEqualTo(2);
      assertThat(launcherLines(missing)).hasSize(2).last().asString().contains("deployguard-9.9.9-all.jar (HTTP 404)");
      assertThat(DeployedRepository.filesUnder(cache())).isEmpty();
    }
  }
}
