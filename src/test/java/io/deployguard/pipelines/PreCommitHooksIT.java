package io.deployguard.pipelines;

import static io.deployguard.pipelines.DeployedRepository.BASEDIR;
import static io.deployguard.pipelines.DeployedRepository.VERSION;
import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.testing.RealComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hooks as a user meets them: Debian's pre-commit runs them from a clone of this working tree
 * (committed, and tagged {@code vVERSION} as a release is) in a throwaway repository that has only
 * Java. The first run downloads the released jar, from this build deployed into a Maven repository
 * served on loopback; later runs start it from the cache with its class-data archive.
 */
class PreCommitHooksIT {
  @TempDir static Path tmp;

  private static Path hookRepo;
  private static String hookCommit;

  @BeforeAll
  static void cloneTheWorkingTree() throws Exception {
    RealComponent.require("pre-commit", RealComponent.onPath("pre-commit"), "apt-get install pre-commit");
    RealComponent.require("git", RealComponent.onPath("git"), "apt-get install git");
    // The hook repository is this working tree, uncommitted changes included, committed and tagged.
    hookRepo = ThrowawayRepo.init(tmp.resolve("deployguard")).dir;
    String files = Command.ok(BASEDIR, Map.of(), List.of("git", "ls-files", "-z", "--cached", "--others",
        "--exclude-standard")).output();
    for (String file : files.split("\0")) {
      Path source = BASEDIR.resolve(file);
      if (!file.isEmpty() && Files.isRegularFile(source)) {
        Path target = hookRepo.resolve(file);
        Files.createDirectories(target.getParent());
        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    Command.ok(hookRepo, ThrowawayRepo.GIT_ENV, List.of("git", "add", "-A"));
    Command.ok(hookRepo, ThrowawayRepo.GIT_ENV, List.of("git", "commit", "-q", "--no-verify", "-m", "working tree"));
    Command.ok(hookRepo, ThrowawayRepo.GIT_ENV, List.of("git", "tag", "v" + VERSION));
    hookCommit = Command.ok(hookRepo, Map.of(), List.of("git", "rev-parse", "HEAD")).output().strip();
  }

  private static Map<String, String> env(String repositoryUrl, String javaOpts) {
    Map<String, String> env = new HashMap<>(ThrowawayRepo.GIT_ENV);
    env.put("PRE_COMMIT_HOME", tmp.resolve("pre-commit-home").toString());
    env.put("XDG_CACHE_HOME", cache().getParent().toString());
    env.put("NO_COLOR", "1");
    env.put("JAVA_HOME", JvmArchives.JAVA_17.home.toString());
    env.put("JAVA_OPTS", javaOpts);
    env.put("DEPLOYGUARD_MAVEN_REPOSITORY", repositoryUrl);
    for (String unset : List.of("DEPLOYGUARD_JAR", "DEPLOYGUARD_VERSION", "DEPLOYGUARD_CACHE_DIR", "DEPLOYGUARD_JAVA_OPTS")) {
      env.put(unset, "");
    }
    return env;
  }

  private static Path cache() {
    return tmp.resolve("xdg-cache/deployguard");
  }

  private static ThrowawayRepo user(String name, String example) throws Exception {
    ThrowawayRepo user = ThrowawayRepo.init(tmp.resolve(name)).fixture(example + "/Dockerfile", "Dockerfile");
    Command.ok(user.dir, ThrowawayRepo.GIT_ENV, List.of("git", "add", "-A"));
    return user;
  }

  /** {@code pre-commit run} with the configuration the README and docs/pre-commit.md show: {@code rev: vVERSION}. */
  private static Command runPinnedToTheTag(ThrowawayRepo user, Map<String, String> env) throws Exception {
    user.write(".pre-commit-config.yaml", """
        repos:
          - repo: %s
            rev: v%s
            hooks:
              - id: deployguard-dockerfile
        """.formatted(hookRepo, VERSION));
    Command.ok(user.dir, ThrowawayRepo.GIT_ENV, List.of("git", "add", "-A"));
    return Command.run(user.dir, env, Duration.ofMinutes(5),
        List.of("pre-commit", "run", "--files", "Dockerfile", "--color", "never", "--verbose"));
  }

  /** {@code pre-commit try-repo} with the hook pinned to a local commit. */
  private static Command tryRepoAtTheCommit(ThrowawayRepo user, Map<String, String> env) throws Exception {
    return Command.run(user.dir, env, Duration.ofMinutes(5), List.of("pre-commit", "try-repo", hookRepo.toString(),
        "deployguard-dockerfile", "--ref", hookCommit, "--files", "Dockerfile", "--color", "never", "--verbose"));
  }

  @Test
  void releaseTag_downloadsTheJarOnce_badDockerfileFails_goodPasses_withTheArchive_andADamagedOneStillFails()
      throws Exception {
    try (DeployedRepository repository = DeployedRepository.serve()) {
      Map<String, String> env = env(repository.url(), JvmArchives.JAVA_17.logOption);

      Command bad = runPinnedToTheTag(user("user-bad", "bad"), env);
      Command good = tryRepoAtTheCommit(user("user-good", "good"), env);
      JvmArchives.damage(JvmArchives.JAVA_17.theArchive(cache()));
      Command damaged = tryRepoAtTheCommit(user("user-bad-again", "bad"), env);

      assertThat(bad.exitCode()).as(bad.output()).isNotZero();
      assertThat(bad.output()).contains("deployguard dockerfile", "Failed", "- exit code: 1", "DF001",
          "deployguard: downloading " + repository.url() + "/" + DeployedRepository.ALL_JAR_PATH);
      assertThat(JvmArchives.JAVA_17.usedAnArchive(bad.output(), cache())).isFalse();
      assertThat(good.exitCode()).as(good.output()).isZero();
      assertThat(good.output()).contains("deployguard dockerfile", "Passed").doesNotContain("deployguard: downloading");
      assertThat(JvmArchives.JAVA_17.usedAnArchive(good.output(), cache())).as(good.output()).isTrue();
      assertThat(damaged.output()).contains("Failed", "- exit code: 1", "DF001");
      assertThat(JvmArchives.JAVA_17.usedAnArchive(damaged.output(), cache())).isFalse();
      assertThat(repository.jarDownloads()).isEqualTo(1);
      assertThat(DeployedRepository.filesUnder(cache().resolve(VERSION))).extracting(p -> p.getFileName().toString())
          .containsExactly("deployguard-" + VERSION + "-all.jar");
    }
  }

  @Test
  void wrongChecksum_andMissingRelease_eachFailTheHookWithOneLine_andCacheNoJar() throws Exception {
    try (DeployedRepository tampered = DeployedRepository.serveTampered(tmp.resolve("tampered"));
         DeployedRepository empty = DeployedRepository.serveCopy(tmp.resolve("empty"), release -> {
           try (Stream<Path> files = Files.list(release)) {
             for (Path file : (Iterable<Path>) files::iterator) {
               Files.delete(file);
             }
           }
         })) {
      Path isolated = tmp.resolve("isolated-cache");
      Map<String, String> tamperedEnv = env(tampered.url(), "");
      tamperedEnv.put("DEPLOYGUARD_CACHE_DIR", isolated.toString());
      Map<String, String> emptyEnv = env(empty.url(), "");
      emptyEnv.put("DEPLOYGUARD_CACHE_DIR", isolated.toString());

      Command wrongSum = tryRepoAtTheCommit(user("user-tampered", "good"), tamperedEnv);
      Command missing = tryRepoAtTheCommit(user("user-missing", "good"), emptyEnv);

      assertThat(wrongSum.exitCode()).isNotZero();
      assertThat(wrongSum.output()).contains("- exit code: 2");
      assertThat(wrongSum.output().lines().filter(l -> l.contains("does not match its published sha1"))).hasSize(1);
      assertThat(missing.exitCode()).isNotZero();
      assertThat(missing.output()).contains("- exit code: 2");
      assertThat(missing.output().lines().filter(l -> l.contains("-all.jar (HTTP 404)"))).hasSize(1);
      assertThat(DeployedRepository.filesUnder(isolated)).isEmpty();
    }
  }
}
