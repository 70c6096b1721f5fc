package io.deployguard.pipelines;

import static io.deployguard.pipelines.DeployedRepository.ALL_JAR;
import static io.deployguard.pipelines.DeployedRepository.ALL_JAR_PATH;
import static io.deployguard.pipelines.DeployedRepository.BASEDIR;
import static io.deployguard.pipelines.DeployedRepository.VERSION;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/deployguard}, the launcher the README installs, run as a user runs it: it downloads the
 * released jar from a Maven repository (this build, deployed and served over loopback HTTP),
 * verifies it, caches it, and starts it with a class-data archive it records once and maps after.
 */
class LauncherIT {
  private static final Path LAUNCHER = BASEDIR.resolve("bin/deployguard");
  private static final String PLAN = BASEDIR.resolve("examples/plans/open-security-group.json").toString();

  @TempDir Path tmp;

  /** The environment of a user with nothing set but what the test names. */
  private Map<String, String> env(JvmArchives jvm, String... more) {
    Map<String, String> env = new HashMap<>(Map.of("JAVA_HOME", jvm.home.toString(), "JAVA_OPTS", "",
        "DEPLOYGUARD_JAVA_OPTS", "", "DEPLOYGUARD_JAR", "", "DEPLOYGUARD_VERSION", "",
        "DEPLOYGUARD_MAVEN_REPOSITORY", "", "DEPLOYGUARD_CACHE_DIR", "", "XDG_CACHE_HOME", cache().toString()));
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  private Path cache() {
    return tmp.resolve("cache");
  }

  private Command launch(Map<String, String> env, String... args) throws Exception {
    return Command.runApart(tmp, env, Duration.ofMinutes(3),
        Stream.concat(Stream.of(LAUNCHER.toString()), Stream.of(args)).toList());
  }

  /** The example plan through the launcher on {@code jvm}, with {@code javaOpts} as JAVA_OPTS. */
  private Command planWithJavaOpts(JvmArchives jvm, String javaOpts) throws Exception {
    jvm.require();
    return launch(env(jvm, "DEPLOYGUARD_JAR", ALL_JAR.toString(), "JAVA_OPTS", javaOpts), "plan", PLAN);
  }

  private static void assertFlagsTheOpenGroup(Command run) {
    assertThat(run.exitCode()).as("exit code; stdout:%n%s%nstderr:%n%s", run.output(), run.errors()).isEqualTo(1);
    assertThat(run.output().lines().filter(l -> !l.startsWith("[")))
        .as("stdout without the JVM's log").first().asString().startsWith("deployguard " + VERSION);
    assertThat(run.output()).contains("SG001");
  }

  private List<Path> cachedFiles(String version) throws IOException {
    return DeployedRepository.filesUnder(cache().resolve("deployguard").resolve(version));
  }

  @Test
  void releasedVersion_isDownloadedOnce_checksumVerified_thenStartedFromTheCache() throws Exception {
    try (DeployedRepository repository = DeployedRepository.serve()) {
      Map<String, String> env = env(JvmArchives.JAVA_17,
          "DEPLOYGUARD_VERSION", VERSION, "DEPLOYGUARD_MAVEN_REPOSITORY", repository.url());

      Command first = launch(env, "plan", PLAN);
      Command second = launch(env, "plan", PLAN);

      assertFlagsTheOpenGroup(first);
      assertThat(first.errors()).isEqualTo("deployguard: downloading " + repository.url() + "/" + ALL_JAR_PATH + "\n");
      assertFlagsTheOpenGroup(second);
      assertThat(second.errors()).isEmpty();
      assertThat(repository.jarDownloads()).isEqualTo(1);
      assertThat(cachedFiles(VERSION)).containsExactly(
          cache().resolve("deployguard/" + VERSION + "/deployguard-" + VERSION + "-all.jar"));
    }
  }

  @Test
  void jarWhoseSha1DoesNotMatch_isRefusedWithOneLine_andNothingIsCached() throws Exception {
    try (DeployedRepository tampered = DeployedRepository.serveTampered(tmp.resolve("tampered"))) {
      Command run = launch(env(JvmArchives.JAVA_17,
          "DEPLOYGUARD_VERSION", VERSION, "DEPLOYGUARD_MAVEN_REPOSITORY", tampered.url()), "plan", PLAN);

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.output()).isEmpty();
      assertThat(run.errors().lines().filter(l -> !l.startsWith("deployguard: downloading ")))
          .singleElement().asString()
          .startsWith("deployguard: " + tampered.url() + "/" + ALL_JAR_PATH + " does not match its published sha1")
          .contains("nothing was cached");
      assertThat(cachedFiles(VERSION)).isEmpty();
    }
  }

  @Test
  void servedSha256_isCheckedToo_andAWrongOneRefusesTheJar() throws Exception {
    String jarName = "deployguard-" + VERSION + "-all.jar";
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(ALL_JAR)));
    try (DeployedRepository right = DeployedRepository.serveCopy(tmp.resolve("right"),
             release -> Files.writeString(release.resolve(jarName + ".sha256"), sha256 + "  " + jarName + "\n"));
         DeployedRepository wrong = DeployedRepository.serveCopy(tmp.resolve("wrong"),
             release -> Files.writeString(release.resolve(jarName + ".sha256"), "0".repeat(64)))) {
      Command refused = launch(env(JvmArchives.JAVA_17,
          "DEPLOYGUARD_VERSION", VERSION, "DEPLOYGUARD_MAVEN_REPOSITORY", wrong.url()), "plan", PLAN);
      Command accepted = launch(env(JvmArchives.JAVA_17,
          "DEPLOYGUARD_VERSION", VERSION, "DEPLOYGUARD_MAVEN_REPOSITORY", right.url()), "plan", PLAN);

      assertThat(refused.exitCode()).isEqualTo(2);
      assertThat(refused.errors()).contains("does not match its published sha256");
      assertFlagsTheOpenGroup(accepted);
    }
  }

  @Test
  void versionThatWasNeverPublished_failsWithOneLine_andNothingIsCached() throws Exception {
    try (DeployedRepository repository = DeployedRepository.serve()) {
      Command run = launch(env(JvmArchives.JAVA_17,
          "DEPLOYGUARD_VERSION", "9.9.9", "DEPLOYGUARD_MAVEN_REPOSITORY", repository.url()), "plan", PLAN);

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.output()).isEmpty();
      assertThat(run.errors().lines().filter(l -> !l.startsWith("deployguard: downloading ")))
          .singleElement().asString()
          .contains("deployguard-9.9.9-all.jar (HTTP 404)", "DEPLOYGUARD_VERSION=9.9.9");
      assertThat(cachedFiles("9.9.9")).isEmpty();
    }
  }

  @Test
  void localJarThatIsNotAJar_failsWithOneLineNamingIt_andExit2() throws Exception {
    Path notAJar = Files.writeString(tmp.resolve("deployguard-all.jar"), "<html>not found</html>\n");

    Command run = launch(env(JvmArchives.JAVA_17, "DEPLOYGUARD_JAR", notAJar.toString()), "plan", PLAN);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output()).isEmpty();
    assertThat(run.errors().lines()).singleElement().asString()
        .startsWith("deployguard: " + notAJar + " is not a jar file;").contains("DEPLOYGUARD_JAR");
  }

  @Test
  void overrides_aDirectJarUrl_aRepositoryDirectory_andTheInstalledLayout_eachRunTheScan() throws Exception {
    try (DeployedRepository repository = DeployedRepository.serve()) {
      Command byUrl = launch(env(JvmArchives.JAVA_17, "DEPLOYGUARD_JAR", repository.url() + "/" + ALL_JAR_PATH),
          "plan", PLAN);
      Command byDirectory = launch(env(JvmArchives.JAVA_17, "DEPLOYGUARD_VERSION", VERSION,
          "DEPLOYGUARD_MAVEN_REPOSITORY", repository.root().toString(), "XDG_CACHE_HOME", tmp.resolve("c2").toString()),
          "plan", PLAN);
      // The README's install: the jar as lib/deployguard/deployguard-all.jar, the launcher in bin/.
      Path prefix = tmp.resolve("usr-local");
      Files.createDirectories(prefix.resolve("lib/deployguard"));
      Files.createDirectories(prefix.resolve("bin"));
      Files.copy(ALL_JAR, prefix.resolve("lib/deployguard/deployguard-all.jar"));
      Files.copy(LAUNCHER, prefix.resolve("bin/deployguard"));
      Command installed = Command.runApart(tmp, env(JvmArchives.JAVA_17), Duration.ofMinutes(3),
          List.of(prefix.resolve("bin/deployguard").toString(), "plan", PLAN));

      assertFlagsTheOpenGroup(byUrl);
      assertThat(byUrl.errors()).startsWith("deployguard: downloading " + repository.url());
      assertFlagsTheOpenGroup(byDirectory);
      assertFlagsTheOpenGroup(installed);
    }
  }

  @Test
  void java17_recordsACdsArchive_mapsItNextRun_andADamagedOneStillScans_thenIsRecordedAnew() throws Exception {
    archiveLifecycle(JvmArchives.JAVA_17.require());
  }

  @Test
  void java25_recordsAnAotCache_mapsItNextRun_andADamagedOneStillScans_thenIsRecordedAnew() throws Exception {
    archiveLifecycle(JvmArchives.JAVA_25.require());
  }

  private void archiveLifecycle(JvmArchives jvm) throws Exception {
    Map<String, String> env = env(jvm, "DEPLOYGUARD_JAR", ALL_JAR.toString(), "JAVA_OPTS", jvm.logOption);

    Command cold = launch(env, "plan", PLAN);
    Path archive = jvm.theArchive(cache());
    Command warm = launch(env, "plan", PLAN);

    assertFlagsTheOpenGroup(cold);
    assertThat(jvm.usedAnArchive(cold.output(), cache())).as("cold run mapped an archive:%n%s", cold.output()).isFalse();
    assertFlagsTheOpenGroup(warm);
    assertThat(jvm.usedAnArchive(warm.output(), cache())).as("warm run mapped the archive:%n%s", warm.output()).isTrue();
    // The archive holds every class of the jar the run needs; a plain command line is read
    // without picocli (QuickLine).
    Command classes = launch(env(jvm, "DEPLOYGUARD_JAR", ALL_JAR.toString(), "JAVA_OPTS", "-Xlog:class+load"), "plan", PLAN);
    assertFlagsTheOpenGroup(classes);
    assertThat(classes.output().lines().filter(l -> l.contains("source: file:") || l.contains("source: jar:")))
        .as("classes the warm run read from the jar instead of the archive").isEmpty();
    assertThat(classes.output()).doesNotContain("picocli.CommandLine source");
    // A line picocli reads (-ftext) gets its classes from the archive too: the build rewrites
    // picocli's old class files as Java 8, since both JVMs leave pre-Java-6 class files out.
    Map<String, String> picocli = env(jvm, "DEPLOYGUARD_JAR", ALL_JAR.toString(), "XDG_CACHE_HOME",
        tmp.resolve("picocli-cache").toString(), "JAVA_OPTS", "-Xlog:class+load");
    assertFlagsTheOpenGroup(launch(picocli, "plan", "-ftext", PLAN));
    Command picocliClasses = launch(picocli, "plan", "-ftext", PLAN);
    assertFlagsTheOpenGroup(picocliClasses);
    assertThat(picocliClasses.output()).contains("picocli.CommandLine source: shared objects file");

    JvmArchives.damage(archive);
    Command damaged = launch(env(jvm, "DEPLOYGUARD_JAR", ALL_JAR.toString()), "plan", PLAN);
    Command recording = launch(env, "plan", PLAN);
    Command again = launch(env, "plan", PLAN);

    assertFlagsTheOpenGroup(damaged);
    assertThat(damaged.output()).startsWith("deployguard " + VERSION);
    assertThat(damaged.errors()).as("nothing of the damaged archive reaches the user").isEmpty();
    assertThat(tmp.toFile().list((d, name) -> name.startsWith("hs_err"))).as("JVM crash logs").isEmpty();
    assertFlagsTheOpenGroup(recording);
    // On Java 17 the launcher finds the damage itself (the checksum in the archive's name) and the
    // damaged run records anew; on Java 25 the JVM refuses the cache and notes why, and the next
    // run records anew.
    boolean recordedByTheDamagedRun = jvm == JvmArchives.JAVA_17;
    assertThat(jvm.usedAnArchive(recording.output(), cache())).as("the run after the damaged one mapped an archive:%n%s",
        recording.output()).isEqualTo(recordedByTheDamagedRun);
    assertFlagsTheOpenGroup(again);
    assertThat(jvm.usedAnArchive(again.output(), cache())).as("mapped the new archive:%n%s", again.output()).isTrue();
  }

  @Test
  void javaOptsThatChooseClassDataThemselves_getNoArchive_andTheScanRuns() throws Exception {
    for (JvmArchives jvm : JvmArchives.values()) {
      Command run = planWithJavaOpts(jvm, "-Xshare:auto");

      assertFlagsTheOpenGroup(run);
      assertThat(jvm.archives(cache())).as("archives for %s", jvm).isEmpty();
    }
  }

  @Test
  void aCollectorChosenInJavaOpts_replacesTheLaunchersOwn_andTheScanRuns() throws Exception {
    for (JvmArchives jvm : JvmArchives.values()) {
      Command run = planWithJavaOpts(jvm, "-XX:+UseSerialGC -Xlog:gc:stderr");

      assertFlagsTheOpenGroup(run);
      assertThat(run.errors()).as("the JVM's log on stderr").contains("Using Serial").doesNotContain("Multiple garbage collectors");
    }
  }

  @Test
  void theJvmIsSetUpForShortRuns() throws Exception {
    for (JvmArchives jvm : JvmArchives.values()) {
      Command run = planWithJavaOpts(jvm, "-XX:+PrintCommandLineFlags");

      assertThat(run.exitCode()).as(run.errors()).isEqualTo(1);
      assertThat(run.errors()).as("no JVM warning").isEmpty();
      String flags = run.output().lines().filter(l -> l.startsWith("-XX:")).findFirst().orElseThrow();
      assertThat(flags).contains("-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC");
    }
  }

  @Test
  void truncatedCdsArchive_isNotMapped_andTheScanRuns() throws Exception {
    Map<String, String> env = env(JvmArchives.JAVA_17, "DEPLOYGUARD_JAR", ALL_JAR.toString());
    launch(env, "plan", PLAN);
    Path archive = JvmArchives.JAVA_17.theArchive(cache());
    archive.toFile().setWritable(true);
    try (var channel = java.nio.channels.FileChannel.open(archive, java.nio.file.StandardOpenOption.WRITE)) {
      channel.truncate(Files.size(archive) / 2);
    }

    Command run = launch(env, "plan", PLAN);

    assertFlagsTheOpenGroup(run);
    assertThat(run.errors()).isEmpty();
    assertThat(tmp.toFile().list((d, name) -> name.startsWith("hs_err"))).isEmpty();
  }
}
