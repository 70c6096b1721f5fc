package io.deployguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCommandTest {

  @TempDir Path tmp;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  /** A docker-archive with one layer holding {@code files} (path, size) and the manifest last. */
  private Path archive(String name, List<Object[]> files) throws IOException {
    return DockerArchives.oneLayer(tmp, name, name + ":1", files);
  }

  @Test
  void imageOverTheConfiguredLimit_exits1AndUnderIt_exits0() throws IOException {
    Path big = archive("big", List.<Object[]>of(new Object[] {"app/blob", 3 << 20}));
    Path small = archive("small", List.<Object[]>of(new Object[] {"app/blob", 1 << 20}));
    Path config = Files.writeString(tmp.resolve("deployguard.yml"), "image:\n  max_image_size: 2MiB\n  warn_image_size: 1.5MiB\n");

    assertThat(run("image", "-c", config.toString(), "docker-archive:" + big).exit()).isEqualTo(1);
    assertThat(run("image", "-c", config.toString(), "docker-archive:" + small).exit()).isZero();
    assertThat(run("image", "docker-archive:" + big).exit()).isZero();
  }

  @Test
  void oneUnreadableSourceAmongGoodOnes_failsTheRunWithExit3() throws IOException {
    Path good = archive("good", List.<Object[]>of(new Object[] {"a", 10}));

    Run r = run("image", "docker-archive:" + good, "docker-archive:" + tmp.resolve("missing.tar"));

    assertThat(r.exit()).isEqualTo(3);
  }

  @Test
  void progressAlways_reportsLayersAndBytesOnStderr() throws IOException {
    Path a = archive("p", List.<Object[]>of(new Object[] {"a", 5000}));

    Run r = run("image", "--progress", "always", "docker-archive:" + a);

    assertThat(r.err()).contains("docker-archive:" + a + ": layer 1,", " of ", "(100%)");
    assertThat(r.out()).doesNotContain("layer 1,");
  }

  @Test
  void progressAuto_isSilentWhenStderrIsNotATerminal() throws IOException {
    Path a = archive("q", List.<Object[]>of(new Object[] {"a", 5000}));

    assertThat(run("image", "docker-archive:" + a).err()).doesNotContain("layer 1");
  }

  @Test
  void unknownProgressModeOrDockerHostScheme_isAUsageError() {
    assertThat(run("image", "--progress", "sometimes", "x.tar").exit()).isEqualTo(2);
    Run r = run("image", "--docker-host", "http//nowhere", "docker-daemon:app:1");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--docker-host", "unix:///");
  }

  @Test
  void warnSizeAboveMaxSize_isAConfigurationError() throws IOException {
    Path config = Files.writeString(tmp.resolve("bad.yml"), "image:\n  max_image_size: 1MiB\n  warn_image_size: 2MiB\n");

    Run r = run("image", "-c", config.toString(), "x.tar");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("warn_image_size");
  }

  @Test
  void imageRulesAreListedInTheCatalogue() {
    assertThat(io.deployguard.app.RuleCatalogue.all()).extracting(m -> m.id())
        .contains("IMG001", "IMG002", "IMG003", "IMG004");
  }
}
