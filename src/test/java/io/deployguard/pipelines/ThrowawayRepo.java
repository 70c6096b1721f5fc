package io.deployguard.pipelines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/** A git repository in a temporary directory, as a user's project would be, with one commit. */
final class ThrowawayRepo {
  static final Map<String, String> GIT_ENV = Map.of(
      "GIT_AUTHOR_NAME", "deployguard test", "GIT_AUTHOR_EMAIL", "test@deployguard.invalid",
      "GIT_COMMITTER_NAME", "deployguard test", "GIT_COMMITTER_EMAIL", "test@deployguard.invalid",
      "GIT_CONFIG_NOSYSTEM", "1");

  final Path dir;

  private ThrowawayRepo(Path dir) {
    this.dir = dir;
  }

  static ThrowawayRepo init(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Command.ok(dir, GIT_ENV, List.of("git", "init", "-q", "-b", "main"));
    return new ThrowawayRepo(dir);
  }

  ThrowawayRepo write(String path, String content) throws IOException {
    Path target = dir.resolve(path);
    Files.createDirectories(target.getParent());
    Files.writeString(target, content);
    return this;
  }

  ThrowawayRepo copy(Path source, String path) throws IOException {
    Path target = dir.resolve(path);
    Files.createDirectories(target.getParent());
    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
    return this;
  }

  /** Copies a fixture from this package's test resources. */
  ThrowawayRepo fixture(String resource, String path) throws IOException {
    try (InputStream in = ThrowawayRepo.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new UncheckedIOException(new IOException("no test resource " + resource));
      }
      Path target = dir.resolve(path);
      Files.createDirectories(target.getParent());
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return this;
  }

  ThrowawayRepo commit(String message) throws IOException, InterruptedException {
    Command.ok(dir, GIT_ENV, List.of("git", "add", "-A"));
    Command.ok(dir, GIT_ENV, List.of("git", "commit", "-q", "--no-verify", "-m", message));
    return this;
  }
}
