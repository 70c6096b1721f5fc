package io.deployguard.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.app.Version;
import io.deployguard.cli.Main;
import io.deployguard.testing.PodmanService;
import io.deployguard.testing.RealComponent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deployguard's own Dockerfile built by podman ({@code --isolation=chroot}) from the jar {@code
 * package} left in target/ ({@code --build-arg JAR=target}), on a stand-in for its Java 25 JRE base
 * (no registry here): {@code FROM scratch} with a JRE linked from the local JDK 25, the shared
 * libraries it loads and a static busybox, so that the Dockerfile's own RUN steps (the user, the
 * launcher, the AOT cache's training run) really run. The result must pass deployguard's image rules
 * and, run through its launcher as its user, use the cache, and run unchanged with a broken one.
 */
class OwnImageIT {
  private static final Path JDK25 = Path.of(System.getenv().getOrDefault("DEPLOYGUARD_JDK25",
      "/usr/lib/jvm/temurin-25-jdk-amd64"));
  private static final String BASE = "localhost/deployguard-test/jre:25";
  private static final String IMAGE = "localhost/deployguard:" + Version.get();
  private static final Path PLAN = Path.of("examples/plans/open-security-group.json");

  @TempDir static Path dir;
  private static List<String> podman;
  private static String build;

  @BeforeAll
  static void buildTheImage() throws Exception {
    RealComponent.require("podman", PodmanService.available(), PodmanService.HOW);
    RealComponent.require("JDK 25", Files.isExecutable(JDK25.resolve("bin/jlink")),
        "install Temurin 25 at " + JDK25 + " or set DEPLOYGUARD_JDK25");
    assertThat(Path.of(System.getProperty("deployguard.jar", "target/deployguard-" + Version.get() + "-all.jar")))
        .as("the all jar 'mvn package' builds").exists();
    podman = new ArrayList<>(List.of("podman"));
    podman.addAll(PodmanService.storageFlags(dir.resolve("podman")));

    Path base = standInBase(dir.resolve("base"));
    podman(Path.of("."), "build", "--isolation=chroot", "-q", "-t", BASE, base.toString());
    build = podman(Path.of("."), "build", "--isolation=chroot", "--build-arg", "JAR=target",
        "--build-arg", "RUNTIME_IMAGE=" + BASE, "-t", IMAGE, "-f", "Dockerfile", ".");
  }

  @Test
  void image_passesDeployguardsImageRules_andRunsAsItsUser() throws Exception {
    Path archive = dir.resolve("deployguard.tar");
    podman(Path.of("."), "save", "--format", "docker-archive", "-o", archive.toString(), IMAGE);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit = Main.run(new String[] {"image", "--fail-on", "low", "docker-archive:" + archive},
        new PrintWriter(out, true), new PrintWriter(err, true));

    assertThat(exit).as("exit code; stdout:%n%s%nstderr:%n%s", out, err).isZero();
    assertThat(podman(Path.of("."), "inspect", "--format", "{{.Config.User}} {{.Config.Entrypoint}}", IMAGE).trim())
        .isEqualTo("10001:10001 [/usr/local/bin/deployguard]");
    assertThat(build).as("the Maven stage is skipped with JAR=target").doesNotContain("mvn -B");
  }

  @Test
  void launcher_usesTheAotCacheMadeAtBuildTime_andABrokenOrForeignCacheChangesNothing() throws Exception {
    Path ctx = Files.createDirectories(dir.resolve("run"));
    Files.copy(PLAN, ctx.resolve("plan.json"));
    // Each RUN runs as the image's user, through its launcher, as `docker run IMAGE ...` would.
    Files.writeString(ctx.resolve("Containerfile"), String.join("\n",
        "FROM " + IMAGE,
        "COPY plan.json /tmp/plan.json",
        "RUN id -u; JAVA_OPTS=\"$JAVA_OPTS -Xlog:aot:stderr\" deployguard --version 2>&1",
        "RUN deployguard plan --format json /tmp/plan.json > /tmp/good.json 2> /tmp/good.err; rc=$?;"
            + " echo \"good: exit $rc stdout $(head -c 1 /tmp/good.json) stderr $(wc -c < /tmp/good.err)\"",
        "RUN head -c 100000 /opt/deployguard/deployguard.jar > /tmp/corrupt.aot;"
            + " JAVA_OPTS=\"$JAVA_OPTS -XX:AOTCache=/tmp/corrupt.aot\" deployguard plan --format json /tmp/plan.json"
            + " > /tmp/out.json 2> /tmp/err; rc=$?;"
            + " echo \"corrupt: exit $rc same-stdout $(cmp -s /tmp/out.json /tmp/good.json && echo yes) stderr $(wc -c < /tmp/err)\"",
        "RUN cp /opt/deployguard/deployguard.jar /tmp/other.jar"
            + " && java -XX:AOTCacheOutput=/tmp/foreign.aot -jar /tmp/other.jar rules > /dev/null 2>&1;"
            + " JAVA_OPTS=\"$JAVA_OPTS -XX:AOTCache=/tmp/foreign.aot\" deployguard plan --format json /tmp/plan.json"
            + " > /tmp/out.json 2> /tmp/err; rc=$?;"
            + " echo \"foreign: cache $(test -s /tmp/foreign.aot && echo made) exit $rc same-stdout"
            + " $(cmp -s /tmp/out.json /tmp/good.json && echo yes) stderr $(wc -c < /tmp/err)\"",
        ""));

    String log = podman(ctx, "build", "--isolation=chroot", "-t", "localhost/deployguard-run:test", ctx.toString());

    assertThat(log).contains("\n10001\n", "Opened AOT cache /opt/deployguard/deployguard.aot.",
        "deployguard " + Version.get() + " (commit ");
    assertThat(log).as("the bundled plan has findings: exit 1, JSON on stdout, nothing on stderr")
        .contains("good: exit 1 stdout { stderr 0");
    assertThat(log).contains("corrupt: exit 1 same-stdout yes stderr 0");
    assertThat(log).contains("foreign: cache made exit 1 same-stdout yes stderr 0");
  }

  /**
   * A stand-in for {@code eclipse-temurin:25-jre}: a JRE linked from the local JDK 25 at the
   * Temurin images' path, the libraries its binaries load, a static busybox as the shell and the
   * tools the Dockerfile's RUN uses, and root's passwd and group files.
   */
  private static Path standInBase(Path base) throws Exception {
    Path root = Files.createDirectories(base.resolve("rootfs"));
    Path java = root.resolve("opt/java/openjdk");
    Files.createDirectories(java.getParent());
    Command.ok(base, Map.of(), List.of(JDK25.resolve("bin/jlink").toString(),
        "--add-modules", "java.se,jdk.crypto.ec,jdk.unsupported,jdk.zipfs,jdk.net,jdk.naming.dns,jdk.management,"
            + "jdk.localedata,jdk.charsets",
        "--strip-debug", "--no-header-files", "--no-man-pages", "--output", java.toString()));
    Path libs = Files.createDirectories(root.resolve("lib/x86_64-linux-gnu"));
    Set<String> needed = new LinkedHashSet<>();
    List<String> ldd = new ArrayList<>(List.of("ldd", java.resolve("bin/java").toString(),
        java.resolve("lib/server/libjvm.so").toString()));
    try (var files = Files.list(java.resolve("lib"))) {
      files.map(Path::toString).filter(f -> f.endsWith(".so")).sorted().forEach(ldd::add);
    }
    for (String line : Command.run(base, Map.of(), Duration.ofMinutes(1), ldd).output().split("\n")) {
      String[] parts = line.trim().split("\\s+");
      // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)": the system libraries; the AWT ones'
      // X11 and ALSA libraries are loaded only by GUI code, which deployguard has none of.
      if (parts.length >= 3 && parts[1].equals("=>") && parts[2].startsWith("/") && !parts[2].startsWith(java.toString())
          && !parts[0].matches("lib(X|xcb|asound|bsd|md).*")) {
        needed.add(parts[2]);
      }
    }
    for (String lib : needed) {
      Files.copy(Path.of(lib), libs.resolve(Path.of(lib).getFileName()));
    }
    Files.createDirectories(root.resolve("lib64"));
    Files.copy(Path.of("/lib64/ld-linux-x86-64.so.2"), root.resolve("lib64/ld-linux-x86-64.so.2"));
    Path bin = Files.createDirectories(root.resolve("bin"));
    Files.copy(PodmanService.busybox(), bin.resolve("busybox"));
    for (String applet : List.of("sh", "echo", "mkdir", "chown", "chmod", "printf", "test", "[", "head", "cat", "cp",
        "cmp", "wc", "id", "ls", "rm")) {
      Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
    }
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    Files.writeString(root.resolve("etc/group"), "root:x:0:\n");
    Files.createDirectories(root.resolve("mnt"));
    Files.createDirectories(root.resolve("tmp"));
    Command.ok(base, Map.of(), List.of("chmod", "1777", root.resolve("tmp").toString()));
    Files.writeString(base.resolve("Containerfile"), String.join("\n",
        "FROM scratch",
        "COPY rootfs/ /",
        "ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        ""));
    return base;
  }

  private static String podman(Path workDir, String... args) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(podman);
    argv.addAll(List.of(args));
    Command c = Command.run(workDir, Map.of(), Duration.ofMinutes(10), argv);
    assertThat(c.exitCode()).as("%s%n%s", String.join(" ", argv), c.output()).isZero();
    return c.output();
  }
}
