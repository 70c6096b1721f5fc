package io.deployguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What {@code version.properties} holds after a build in and outside a git checkout. */
class VersionTest {

  private static Properties props(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  @Test
  void buildInAGitCheckout_givesTheVersionAndTheCommit() {
    Properties p = props("version", "1.2.3", "commit", "0123456789ab");
    assertThat(Version.version(p)).isEqualTo("1.2.3");
    assertThat(Version.commit(p)).isEqualTo("0123456789ab");
  }

  @Test
  void buildOutsideGit_givesUnknownAsTheCommit() {
    assertThat(Version.commit(props("version", "1.2.3", "commit", "unknown"))).isEqualTo("unknown");
    assertThat(Version.commit(props("version", "1.2.3", "commit", "${deployguard.commit}"))).isEqualTo("unknown");
    assertThat(Version.commit(props("version", "1.2.3"))).isEqualTo("unknown");
  }

  @Test
  void noBuildResource_givesDevAndUnknown() {
    assertThat(Version.version(new Properties())).isEqualTo("dev");
    assertThat(Version.commit(new Properties())).isEqualTo("unknown");
  }
}
