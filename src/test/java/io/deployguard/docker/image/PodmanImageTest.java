package io.deployguard.docker.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.cli.Main;
import io.deployguard.docker.ImageSettings;
import io.deployguard.policy.ByteSize;
import io.deployguard.policy.Finding;
import io.deployguard.policy.InputException;
import io.deployguard.testing.PodmanService;
import io.deployguard.testing.RealComponent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture images of {@code src/test/resources/images}, built by podman and read through its
 * Docker Engine API (docker-java) and through every archive format podman writes: the analyses
 * must be identical, and the CLI must judge them as DESIGN.md says.
 */
class PodmanImageTest {

  private static final String BLOATED = "localhost/deployguard-test/bloated:1";
  private static final String LEAN = "localhost/deployguard-test/lean:1";
  private static final String DELETED = "localhost/deployguard-test/deleted:1";
  private static final ImageSettings SETTINGS =
      ImageSettings.DEFAULT.withSizes(ByteSize.ofMiB(20), ByteSize.ofMiB(10));

  @TempDir static Path dir;
  private static PodmanService podman;
  private static Path config;

  @BeforeAll
  static void buildFixtureImages() throws Exception {
    RealComponent.require("podman", PodmanService.available(), PodmanService.HOW);
    podman = PodmanService.start(dir.resolve("podman"));
    Path resources = Path.of("src/test/resources/images");
    for (String name : List.of("bloated", "lean", "deleted")) {
      podman.build(PodmanService.contextWithBusybox(resources.resolve(name), dir.resolve("ctx-" + name)),
          "localhost/deployguard-test/" + name + ":1");
    }
    for (String tag : List.of(BLOATED, DELETED)) {
      String n = name(tag);
      podman.save(tag, "docker-archive", dir.resolve(n + ".docker.tar"));
      podman.save(tag, "oci-archive", dir.resolve(n + ".oci.tar"));
      podman.push(tag, "oci:" + dir.resolve(n + ".layout"));
    }
    config = Files.writeString(dir.resolve("deployguard.yml"),
        "image:\n  max_image_size: 20MiB\n  warn_image_size: 10MiB\n");
  }

  @AfterAll
  static void stopPodman() {
    if (podman != null) {
      podman.close();
    }
  }

  private static String name(String tag) {
    return tag.substring(tag.lastIndexOf('/') + 1, tag.lastIndexOf(':'));
  }

  private static ImageAnalysis analyse(String spec) {
    return ImageAnalysis.of(ImageReader.read(spec,
        new ImageReader.Options(podman.dockerHost(), ReadLimits.DEFAULT, Progress.SILENT)));
  }

  private record Run(int exit, String out) {}

  private static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out + "\n" + err);
  }

  @Test
  void engineApiAndEveryArchiveFormat_giveIdenticalAnalyses() {
    for (String tag : List.of(BLOATED, DELETED)) {
      String n = name(tag);
      ImageAnalysis daemon = analyse("docker-daemon:" + tag);
      for (String spec : List.of("docker-archive:" + dir.resolve(n + ".docker.tar"),
          "oci-archive:" + dir.resolve(n + ".oci.tar"), "oci:" + dir.resolve(n + ".layout"),
          dir.resolve(n + ".docker.tar").toString())) {
        ImageAnalysis other = analyse(spec);
        assertThat(other.image().layers()).as(spec).isEqualTo(daemon.image().layers());
        assertThat(other.totalBytes()).as(spec).isEqualTo(daemon.totalBytes());
        assertThat(other.wasted()).as(spec).isEqualTo(daemon.wasted());
        assertThat(other.files()).as(spec).isEqualTo(daemon.files());
      }
      assertThat(daemon.image().reference()).isEqualTo(tag);
      assertThat(daemon.image().layers()).isNotEmpty()
          .allSatisfy(l -> assertThat(l.diffId()).startsWith("sha256:"));
    }
  }

  @Test
  void bloatedSingleStageImage_isReportedForSizeToolchainAndCaches() {
    List<Finding> f = ImageRules.RULES.evaluate(analyse("docker-daemon:" + BLOATED), SETTINGS);

    assertThat(f).filteredOn(x -> x.ruleId().equals("IMG001")).singleElement()
        .satisfies(x -> assertThat(x.severity().name()).isEqualTo("HIGH"));
    assertThat(f).filteredOn(x -> x.ruleId().equals("IMG003")).extracting(x -> x.details().get("path"))
        .containsExactlyInAnyOrder("/usr/bin/gcc-12", "/usr/lib/gcc/x86_64-linux-gnu/12/cc1", "/root/.m2",
            "/app/.git", "/app/src/main/java");
    assertThat(f).filteredOn(x -> x.key().equals("/root/.m2")).singleElement()
        .satisfies(x -> assertThat(x.details()).containsEntry("bytes", String.valueOf(6 * 2048 * 1024)));
    assertThat(f).filteredOn(x -> x.ruleId().equals("IMG004")).singleElement()
        .satisfies(x -> assertThat(x.details()).containsEntry("path", "/var/lib/apt/lists")
            .containsEntry("bytes", String.valueOf(3072 * 1024)));
    assertThat(f).allSatisfy(x -> assertThat(x.location().input()).isEqualTo("docker-daemon:" + BLOATED));
  }

  @Test
  void bloatedImageThroughTheCommandLine_failsNamingThePaths() {
    Run r = cli("image", "--docker-host", podman.dockerHost(), "-c", config.toString(), "docker-daemon:" + BLOATED);

    assertThat(r.exit()).as(r.out()).isEqualTo(1);
  }

  @Test
  void leanMultiStageImage_passes() {
    Run r = cli("image", "--docker-host", podman.dockerHost(), "-c", config.toString(), "docker-daemon:" + LEAN);

    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(ImageRules.RULES.evaluate(analyse("docker-daemon:" + LEAN), SETTINGS)).isEmpty();
  }

  @Test
  void filesDeletedInALaterLayer_areWastedExactlyOnceAndHardlinksCountOnce() {
    ImageAnalysis a = analyse("docker-daemon:" + DELETED);

    assertThat(a.wastedBytes()).isEqualTo((3072 + 1024) * 1024L);
    assertThat(a.wasted()).extracting(WastedPath::path, WastedPath::deleted)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("data/big.bin", true),
            org.assertj.core.groups.Tuple.tuple("data/gone/sub/a.bin", true));
    assertThat(a.bytesUnder("data/keep")).isEqualTo(256 * 1024L);
    assertThat(a.files().keySet()).contains("data/gone/new.txt", "data/keep/k-soft")
        .doesNotContain("data/big.bin", "data/gone/sub");
    assertThat(ImageRules.RULES.evaluate(a, ImageSettings.DEFAULT)).extracting(Finding::ruleId).containsExactly("IMG002");
  }

  @Test
  void unknownImageOnTheRunningEngine_isAnInputErrorNamingIt() {
    Run r = cli("image", "--docker-host", podman.dockerHost(), "docker-daemon:localhost/no-such-image:1");

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).contains("docker-daemon:localhost/no-such-image:1", "no image 'localhost/no-such-image:1'",
        podman.dockerHost()).doesNotContain("\tat ");
  }

  @Test
  void bareReferenceThatIsNotAPath_isAskedOfTheEngine() {
    ImageAnalysis a = analyse(LEAN);

    assertThat(a.image().source()).isEqualTo(LEAN);
    assertThat(a.files()).containsKeys("bin/busybox", "app/app.txt");
  }

  @Test
  void unknownImageThroughTheReader_isAnInputException() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> analyse("docker-daemon:localhost/absent:2"))
        .isInstanceOf(InputException.class).hasMessageContaining("no image 'localhost/absent:2'");
  }

  @Test
  void predeployWithADockerHost_readsTheImageFromThatEngine_likeTheImageCommand() {
    Run image = cli("image", "--docker-host", podman.dockerHost(), "-c", config.toString(), "-f", "json",
        "docker-daemon:" + BLOATED);
    Run predeploy = cli("predeploy", "--docker-host", podman.dockerHost(), "-c", config.toString(), "-f", "json",
        "--image", "docker-daemon:" + BLOATED);

    assertThat(predeploy.exit()).as(predeploy.out()).isEqualTo(1);
    assertThat(predeploy.out()).contains("IMG001", "IMG003", "IMG004", "docker-daemon:" + BLOATED)
        .doesNotContain("cannot connect");
    assertThat(image.out()).contains("IMG001", "IMG003", "IMG004");
  }
}
