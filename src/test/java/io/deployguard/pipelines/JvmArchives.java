package io.deployguard.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.testing.RealComponent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The two JVMs the launchers are tested with and what their class-data logging says: Java 17 (the
 * test's own java) records an application CDS archive and maps it, Java 25 records an AOT cache and
 * opens it. {@code -Xlog:cds} / {@code -Xlog:aot} go in through JAVA_OPTS, as a user would add them.
 */
enum JvmArchives {
  JAVA_17(Path.of(System.getProperty("java.home")), "-Xlog:cds", ".jsa", "Mapped dynamic region"),
  JAVA_25(findJava25(), "-Xlog:aot", ".aot", "Opened AOT cache ");

  final Path home;
  final String logOption;
  final String extension;
  private final String usedLine;

  JvmArchives(Path home, String logOption, String extension, String usedLine) {
    this.home = home;
    this.logOption = logOption;
    this.extension = extension;
    this.usedLine = usedLine;
  }

  /** Skips loudly (fails under DEPLOYGUARD_REQUIRE_REAL) when this JDK is not installed. */
  JvmArchives require() {
    RealComponent.require("a JDK at " + home, Files.isExecutable(home.resolve("bin/java")),
        "apt-get install temurin-25-jdk (or any JDK 25 under /usr/lib/jvm)");
    return this;
  }

  /** Whether the JVM's log in {@code output} says it mapped an archive from {@code cache}. */
  boolean usedAnArchive(String output, Path cache) {
    return output.lines().anyMatch(line -> line.contains(usedLine)
        && (usedLine.startsWith("Mapped") || line.contains(cache.toString())));
  }

  /** The archives of this kind under {@code cache}. */
  List<Path> archives(Path cache) throws IOException {
    if (!Files.isDirectory(cache)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(cache)) {
      return files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(extension)
          && !f.getFileName().toString().startsWith(".")).toList();
    }
  }

  /** The one archive under {@code cache}. */
  Path theArchive(Path cache) throws IOException {
    List<Path> archives = archives(cache);
    assertThat(archives).as("%s archives under %s", extension, cache).hasSize(1);
    return archives.get(0);
  }

  /** Damages the archive in place: same size (so its size cannot tell), random content after 16 bytes. */
  static void damage(Path archive) throws IOException {
    byte[] bytes = Files.readAllBytes(archive);
    byte[] noise = new byte[bytes.length - 16];
    new Random(42).nextBytes(noise);
    System.arraycopy(noise, 0, bytes, 16, noise.length);
    archive.toFile().setWritable(true);
    Files.write(archive, bytes);
  }

  private static Path findJava25() {
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (Stream<Path> dirs = Files.list(jvms)) {
        return dirs.filter(d -> d.getFileName().toString().matches(".*-25(-.*)?")
            && Files.isExecutable(d.resolve("bin/java"))).sorted().findFirst().orElse(jvms.resolve("temurin-25-jdk-amd64"));
      } catch (IOException e) {
        return jvms.resolve("temurin-25-jdk-amd64");
      }
    }
    return jvms.resolve("temurin-25-jdk-amd64");
  }
}
