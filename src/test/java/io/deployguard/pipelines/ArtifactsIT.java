package io.deployguard.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.app.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The jars {@code package} builds, as their users get them: the README's first command, the plain
 * main artifact for embedding, and the runnable {@code all} jar. (The {@code lambda} jar has {@code
 * LambdaJarIT}, the image {@code OwnImageIT}.)
 */
class ArtifactsIT {
  private static final Path ALL = Path.of(System.getProperty("deployguard.jar",
      "target/deployguard-" + Version.get() + "-all.jar"));
  private static final Path PLAIN = Path.of("target/deployguard-" + Version.get() + ".jar");
  /** The shaded jar before the split was 68,292,391 bytes; the issue asks for 10 MB less. */
  private static final long ALL_JAR_LIMIT = 68_292_391L - 10_000_000L;

  @Test
  void readmeFirstScreen_asWritten_exitsOneWithSG001() throws Exception {
    String prefix = "mvn -q -DskipTests package && ";
    String line = Files.readString(Path.of("README.md")).lines().limit(25).filter(l -> l.startsWith(prefix))
        .findFirst().orElseThrow(() -> new AssertionError("README's first screen has no '" + prefix + "...' line"));
    // The build half has run: this test runs after `package`.
    Command run = Command.run(Path.of("."), Map.of(), Duration.ofMinutes(2),
        List.of("sh", "-c", line.substring(prefix.length())));

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("CRITICAL SG001");
  }

  @Test
  void plainJar_holdsOnlyDeployguardsClassesAndResources_andItsPomNamesTheDependencies() throws IOException {
    try (ZipFile zip = new ZipFile(PLAIN.toFile())) {
      List<String> names = zip.stream().map(ZipEntry::getName).toList();
      assertThat(names).contains("io/deployguard/cli/Main.class", "io/deployguard/app/Build.class",
          "META-INF/LICENSE", "META-INF/NOTICE");
      assertThat(names).allSatisfy(n -> assertThat(n).matches(
          "io/(deployguard/.*)?|META-INF/(MANIFEST\\.MF|LICENSE|NOTICE|maven/.*)?"));
      String pom = new String(zip.getInputStream(zip.getEntry("META-INF/maven/io.deployguard/deployguard/pom.xml"))
          .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(pom).contains("<artifactId>jackson-databind</artifactId>", "<artifactId>ec2</artifactId>",
          "<artifactId>docker-java-core</artifactId>");
    }
  }

  @Test
  void allJar_runsOnItsOwn_andIsAtLeast10MBSmallerThanTheOldShadedJar() throws Exception {
    assertThat(Files.size(ALL)).as("size of %s in bytes", ALL).isLessThan(ALL_JAR_LIMIT);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");

    Command run = Command.run(Path.of("."), Map.of(), Duration.ofMinutes(1),
        List.of(java.toString(), "-jar", ALL.toString(), "--version"));

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output().trim()).isEqualTo("deployguard " + Version.get() + " (commit " + Version.commit() + ")");
  }
}
