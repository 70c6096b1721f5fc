package io.deployguard.jenkins.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a step starts deployguard on a Unix agent: through {@code bin/deployguard}, staged beside the
 * jar, so that it gets the launcher's JVM settings and class-data archive. The last test runs the
 * launch as the step builds it, with the real jar and the test's own Java 17, as a step's runs on
 * one agent would: cold, warm, with the archive damaged, and warm again.
 */
class StepLauncherTest {
  private static final Path ROOT = Path.of(System.getProperty("deployguard.rootPom", "../../pom.xml")).toAbsolutePath().getParent();

  @TempDir Path agent;

  @Test
  void theLauncherInThisJar_isBinDeployguardOfTheRepository() throws IOException {
    assertEquals(Files.readString(ROOT.resolve("bin/deployguard")), JavaCommand.LAUNCHER);
  }

  @Test
  void onUnix_theStepRunsTheLauncher_withTheJar_theUtf8FlagsBeforeTheUsersOptions_andItsFolderAsCache() {
    JavaCommand.Launch launch = JavaCommand.launch("java", Map.of("DEPLOYGUARD_JAVA_OPTS", " -Xmx2g  -Dx=a,b ",
        "JAVA_OPTS", "-Xmx8g"), "/w@tmp/deployguard/deployguard.jar", "/w@tmp/deployguard/deployguard", List.of("predeploy", "--x"));

    assertEquals(List.of("sh", "/w@tmp/deployguard/deployguard", "predeploy", "--x"), launch.command());
    assertEquals(Map.of(
        "DEPLOYGUARD_JAR", "/w@tmp/deployguard/deployguard.jar",
        "DEPLOYGUARD_JAVA_OPTS", "-Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8 -Xmx2g -Dx=a,b",
        "JAVA_OPTS", "",
        "DEPLOYGUARD_CACHE_DIR", "/w@tmp/deployguard"), launch.env());
  }

  @Test
  void aCacheFolderTheStepsEnvironmentNames_isTheLaunchersOwn() {
    JavaCommand.Launch launch = JavaCommand.launch("java", Map.of("DEPLOYGUARD_CACHE_DIR", "/var/cache/dg"), "/t/j.jar",
        "/t/deployguard", List.of());

    assertFalse(launch.env().containsKey("DEPLOYGUARD_CACHE_DIR"), launch.env().toString());
  }

  @Test
  void withoutAStagedLauncher_theStepRunsJavaJar_asBefore() {
    Map<String, String> env = Map.of("DEPLOYGUARD_JAVA_OPTS", "-XX:+UseG1GC");
    JavaCommand.Launch launch = JavaCommand.launch("C:\\jdk\\bin\\java.exe", env, "j.jar", null, List.of("plan"));

    assertEquals(JavaCommand.command("C:\\jdk\\bin\\java.exe", env, "j.jar", List.of("plan")), launch.command());
    assertEquals(Map.of(), launch.env());
  }

  @Test
  void aJavaOptionThatIsNone_isRejected_throughTheLauncherToo() {
    assertEquals("DEPLOYGUARD_JAVA_OPTS: 'Xmx2g' is not a JVM option (those start with -)",
        assertThrows(StepInputException.class, () -> JavaCommand.launch("java", Map.of("DEPLOYGUARD_JAVA_OPTS", "Xmx2g"),
            "j.jar", "/t/deployguard", List.of())).getMessage());
  }

  private record Ran(int exit, String output) {}

  /** Runs the launch as Jenkins would: the agent's environment with the launch's variables over it. */
  private Ran run(JavaCommand.Launch launch) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(launch.command()).directory(agent.toFile()).redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("HOME", agent.resolve("home").toString());
    pb.environment().remove("XDG_CACHE_HOME");
    launch.env().forEach((k, v) -> {
      if (v.isEmpty()) {
        pb.environment().remove(k);
      } else {
        pb.environment().put(k, v);
      }
    });
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Ran(p.waitFor(), output);
  }

  private List<Path> archives(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jsa") && !f.getFileName().toString().startsWith("."))
          .toList();
    }
  }

  @Test
  void theStepsLaunch_recordsAnArchive_mapsItNextRun_andADamagedOneStillScans() throws Exception {
    Path jar = RealCliTest.requiredJar();
    // What StepLaunch stages in WORKSPACE@tmp/deployguard/: the jar, and the launcher beside it.
    Path staging = Files.createDirectories(agent.resolve("ws@tmp/deployguard"));
    Path stagedJar = Files.copy(jar, staging.resolve("deployguard-all.jar"));
    Path launcher = Files.writeString(staging.resolve(JavaCommand.LAUNCHER_NAME), JavaCommand.LAUNCHER);
    String plan = ROOT.resolve("examples/plans/open-security-group.json").toString();
    JavaCommand.Launch launch = JavaCommand.launch("java", Map.of("DEPLOYGUARD_JAVA_OPTS", "-Xlog:cds"), stagedJar.toString(),
        launcher.toString(), List.of("plan", plan));

    Ran cold = run(launch);
    List<Path> recorded = archives(staging);
    Ran warm = run(launch);

    assertEquals(1, cold.exit(), cold.output());
    assertTrue(cold.output().contains("SG001"), cold.output());
    assertFalse(cold.output().contains("Mapped dynamic region"), "the cold run mapped an archive:\n" + cold.output());
    assertEquals(1, recorded.size(), "archives the cold run left in the staging folder: " + recorded);
    assertEquals(1, warm.exit(), warm.output());
    assertTrue(warm.output().contains("Mapped dynamic region"), "the warm run mapped no archive:\n" + warm.output());

    // Damaged in place, same size: the launcher's checksum finds it, and that run records a new one.
    byte[] bytes = Files.readAllBytes(recorded.get(0));
    byte[] noise = new byte[bytes.length - 16];
    new Random(7).nextBytes(noise);
    System.arraycopy(noise, 0, bytes, 16, noise.length);
    recorded.get(0).toFile().setWritable(true);
    Files.write(recorded.get(0), bytes);
    Ran damaged = run(launch);
    Ran again = run(launch);

    assertEquals(1, damaged.exit(), damaged.output());
    assertTrue(damaged.output().contains("SG001"), damaged.output());
    assertFalse(damaged.output().contains("Mapped dynamic region"), "the damaged archive was mapped:\n" + damaged.output());
    assertEquals(1, again.exit(), again.output());
    assertTrue(again.output().contains("Mapped dynamic region"), "the run after the damaged one mapped no archive:\n"
        + again.output());
    try (Stream<Path> files = Files.list(agent)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("hs_err")), "JVM crash logs");
    }
  }
}
