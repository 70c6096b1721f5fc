package io.deployguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@link Build} holds after a build in and outside a git checkout, and what is printed of it. */
class VersionTest {

  @Test
  void buildInAGitCheckout_givesTheVersionAndTheCommit() {
    assertThat(Version.version("1.2.3")).isEqualTo("1.2.3");
    assertThat(Version.commit("0123456789ab")).isEqualTo("0123456789ab");
  }

  @Test
  void buildOutsideGit_givesUnknownAsTheCommit() {
    assertThat(Version.commit("unknown")).isEqualTo("unknown");
    assertThat(Version.commit("${deployguard.commit}")).isEqualTo("unknown");
    assertThat(Version.commit("")).isEqualTo("unknown");
  }

  @Test
  void unfilteredTemplate_givesDev() {
    assertThat(Version.version("${project.version}")).isEqualTo("dev");
  }

  @Test
  void thisBuild_recordedItsVersion() {
    assertThat(Version.get()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }
}
