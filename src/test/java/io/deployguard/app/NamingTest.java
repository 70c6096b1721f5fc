package io.deployguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamingTest {

  @Test
  void anImageReference_losesItsTagAndDigest_butKeepsARegistryPort() {
    assertThat(Naming.repository("registry.example.com:5000/team/app:1.2@sha256:" + "a".repeat(64)))
        .isEqualTo("registry.example.com:5000/team/app");
    assertThat(Naming.repository("registry.example.com:5000/team/app")).isEqualTo("registry.example.com:5000/team/app");
    assertThat(Naming.repository("app:2")).isEqualTo("app");
    assertThat(Naming.repository("app@sha256:" + "b".repeat(64))).isEqualTo("app");
    assertThat(Naming.repository("app")).isEqualTo("app");
  }

  @Test
  void aPathUnderTheRoot_isNamedFromIt_andOneOutsideIsAbsolute() {
    SourceRoot root = new SourceRoot(Path.of("/repo"));
    assertThat(root.name(Path.of("/repo/./app/../app/Dockerfile"))).isEqualTo("app/Dockerfile");
    assertThat(root.name(Path.of("/elsewhere/plan.json"))).isEqualTo("/elsewhere/plan.json");
    assertThat(root.pattern("./envs/*.json")).isEqualTo("envs/*.json");
    assertThat(root.pattern("/repo/envs/*.json")).isEqualTo("envs/*.json");
    assertThat(root.pattern("module.web.*")).isEqualTo("module.web.*");
  }

  @Test
  void withoutAnExplicitRoot_theGitTopLevelIsTheRoot(@TempDir Path tmp) throws IOException {
    // A worktree's .git is a file, a clone's a folder: either marks the top level.
    Files.writeString(tmp.resolve(".git"), "gitdir: /elsewhere\n");
    Path deep = Files.createDirectories(tmp.resolve("envs/prod"));
    assertThat(SourceRoot.find(null, deep).dir()).isEqualTo(tmp.toAbsolutePath().normalize());
    assertThat(SourceRoot.find(Path.of("envs"), tmp).dir()).isEqualTo(tmp.resolve("envs").toAbsolutePath().normalize());
  }
}
