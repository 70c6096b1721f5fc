package io.deployguard.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.testing.RealComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hooks as a user meets them: Debian's pre-commit runs {@code try-repo} against a clone of this
 * working tree from a throwaway repository that has only Java. The first run builds the jar with
 * Maven into the cache, the second only starts it.
 */
class PreCommitHooksIT {
  private static final Path BASEDIR = Path.of(System.getProperty("user.dir"));

  @TempDir static Path tmp;

  private static Path hookRepo;
  private static Map<String, String> env;

  @BeforeAll
  static void cloneTheWorkingTree() throws Exception {
    RealComponent.require("pre-commit", RealComponent.onPath("pre-commit"), "apt-get install pre-commit");
    RealComponent.require("git", RealComponent.onPath("git"), "apt-get install git");
    RealComponent.require("mvn (the hook builds the jar with it)", RealComponent.onPath("mvn"), "apt-get install maven");
    // try-repo clones HEAD, so the hook repository is this working tree, uncommitted changes included, committed.
    hookRepo = ThrowawayRepo.init(tmp.resolve("deployguard")).dir;
    String files = Command.ok(BASEDIR, Map.of(), List.of("git", "ls-files", "-z", "--cached", "--others",
        "--exclude-standard")).output();
    for (String file : files.split("\0")) {
      Path source = BASEDIR.resolve(file);
      if (!file.isEmpty() && Files.isRegularFile(source)) {
        Path target = hookRepo.resolve(file);
        Files.createDirectories(target.getParent());
        Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    Command.ok(hookRepo, ThrowawayRepo.GIT_ENV, List.of("git", "add", "-A"));
    Command.ok(hookRepo, ThrowawayRepo.GIT_ENV, List.of("git", "commit", "-q", "--no-verify", "-m", "working tree"));

    env = new HashMap<>(ThrowawayRepo.GIT_ENV);
    env.put("PRE_COMMIT_HOME", tmp.resolve("pre-commit-home").toString());
    env.put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
    env.put("NO_COLOR", "1");
  }

  private static Command tryRepo(String example) throws Exception {
    ThrowawayRepo user = ThrowawayRepo.init(tmp.resolve("user-" + example))
        .fixture(example + "/Dockerfile", "Dockerfile");
    Command.ok(user.dir, ThrowawayRepo.GIT_ENV, List.of("git", "add", "-A"));
    return Command.run(user.dir, env, Duration.ofMinutes(8), List.of("pre-commit", "try-repo",
        hookRepo.toString(), "deployguard-dockerfile", "--files", "Dockerfile", "--color", "never", "--verbose"));
  }

  @Test
  void singleStageDockerfile_failsTheHook_thenMultiStage_passesFromTheCache() throws Exception {
    Command bad = tryRepo("bad");
    Command good = tryRepo("good");

    assertThat(bad.exitCode()).as(bad.output()).isNotZero();
    assertThat(bad.output()).contains("deployguard dockerfile", "Failed", "DF001");
    assertThat(bad.output()).contains("deployguard-precommit: building deployguard");
    assertThat(good.exitCode()).as(good.output()).isZero();
    assertThat(good.output()).contains("deployguard dockerfile", "Passed");
    assertThat(good.output()).doesNotContain("deployguard-precommit: building");
    try (var jars = Files.walk(tmp.resolve("cache/deployguard"))) {
      assertThat(jars.filter(p -> p.getFileName().toString().equals("deployguard.jar"))).hasSize(1);
    }
  }
}
