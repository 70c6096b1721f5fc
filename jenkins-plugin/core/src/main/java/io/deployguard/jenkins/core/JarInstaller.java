package io.deployguard.jenkins.core;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * Installs a {@link Release}'s jar into a folder of the machine it runs on (a Jenkins node's tool
 * folder), once: the jar is checked against the checksum the repository serves next to it
 * ({@code .sha256} when there is one, else {@code .sha1}) before it is moved into place, so the
 * folder never holds a half-written or unverified jar. A later call with the same release finds
 * the jar by its record file and checks its SHA-256 instead of downloading it again.
 */
public final class JarInstaller {
  /** The installed jar's name in the tool folder. */
  public static final String JAR_NAME = "deployguard.jar";
  /** Records which release the jar is and its SHA-256. */
  static final String RECORD_NAME = "deployguard.jar.installed";
  /** More than any release will weigh; a server sending more is not serving a deployguard jar. */
  static final long MAX_BYTES = 512L * 1024 * 1024;

  /** Opens a URL; a missing resource is a {@link FileNotFoundException}. */
  @FunctionalInterface
  public interface Fetcher {
    InputStream open(URI uri) throws IOException;
  }

  private final Fetcher fetcher;
  private final Consumer<String> log;

  public JarInstaller(Fetcher fetcher, Consumer<String> log) {
    this.fetcher = fetcher;
    this.log = log;
  }

  /** Plain {@link URLConnection}s (http, https, file), honouring the JVM's proxy settings. */
  public static Fetcher urlConnections() {
    return uri -> {
      URLConnection connection = uri.toURL().openConnection();
      connection.setConnectTimeout(30_000);
      connection.setReadTimeout(60_000);
      if (connection instanceof HttpURLConnection http) {
        int status = http.getResponseCode();
        if (status == 404 || status == 410) {
          http.disconnect();
          throw new FileNotFoundException(uri + " (HTTP " + status + ")");
        }
        if (status / 100 != 2) {
          http.disconnect();
          throw new IOException("HTTP " + status + " from " + uri);
        }
      }
      return connection.getInputStream();
    };
  }

  /**
   * The installed jar of {@code release} in {@code dir}, downloading and verifying it when it is
   * not there yet (or no longer matches its record).
   *
   * @throws IOException with one line naming the URL and what went wrong; {@code dir} then holds no new jar
   */
  public Path install(Release release, Path dir) throws IOException {
    Path jar = dir.resolve(JAR_NAME);
    Path record = dir.resolve(RECORD_NAME);
    String url = release.jar().toString();
    if (Files.isRegularFile(jar) && Files.isRegularFile(record)) {
      List<String> lines = Files.readAllLines(record, StandardCharsets.UTF_8);
      if (lines.size() >= 2 && lines.get(0).equals(url) && lines.get(1).equals(sha256(jar))) {
        return jar;
      }
      log.accept("deployguard: " + jar + " is not the verified " + url + "; downloading it again");
    }
    Files.createDirectories(dir);
    Checksum expected = checksum(release);
    log.accept("deployguard: downloading " + url + " (checked against its " + expected.algorithm().extension() + ")");
    Path part = Files.createTempFile(dir, "deployguard-", ".part");
    try {
      MessageDigest digest = expected.algorithm().digest();
      // The record keeps the SHA-256: against a .sha256 that is the digest checked, computed once.
      MessageDigest sha256 =
          expected.algorithm() == Checksum.Algorithm.SHA256 ? null : Checksum.Algorithm.SHA256.digest();
      try (InputStream in = open(release.jar(), "the jar"); OutputStream out = Files.newOutputStream(part)) {
        byte[] buffer = new byte[65536];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
          total += n;
          if (total > MAX_BYTES) {
            throw new IOException(url + ": larger than " + MAX_BYTES / (1024 * 1024) + " MB; not a deployguard jar");
          }
          digest.update(buffer, 0, n);
          if (sha256 != null) {
            sha256.update(buffer, 0, n);
          }
          out.write(buffer, 0, n);
        }
      }
      byte[] actual = digest.digest();
      if (!expected.matches(actual)) {
        throw new IOException(url + ": checksum mismatch: its " + expected.algorithm().extension() + " says "
            + expected.hex() + ", the download is " + HexFormat.of().formatHex(actual) + "; nothing was installed");
      }
      move(part, jar);
      Path recordPart = Files.createTempFile(dir, "deployguard-", ".part");
      try {
        byte[] recorded = sha256 == null ? actual : sha256.digest();
        Files.writeString(recordPart, url + "\n" + HexFormat.of().formatHex(recorded) + "\n");
        move(recordPart, record);
      } finally {
        Files.deleteIfExists(recordPart);
      }
      return jar;
    } finally {
      Files.deleteIfExists(part);
    }
  }

  private Checksum checksum(Release release) throws IOException {
    for (Checksum.Algorithm algorithm : Checksum.Algorithm.values()) {
      URI uri = release.checksum(algorithm);
      String content;
      try (InputStream in = fetcher.open(uri)) {
        content = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
      } catch (FileNotFoundException missing) {
        continue;
      } catch (IOException e) {
        throw new IOException(uri + ": could not be fetched (" + e + "); nothing was installed", e);
      }
      try {
        return Checksum.parse(algorithm, content, uri.toString());
      } catch (IllegalArgumentException e) {
        throw new IOException(e.getMessage() + "; nothing was installed");
      }
    }
    throw new IOException("deployguard " + release.version() + " is not in " + release.repository() + ": neither "
        + release.jar() + ".sha256 nor .sha1 exists; check the version and the repository URL");
  }

  private InputStream open(URI uri, String what) throws IOException {
    try {
      return fetcher.open(uri);
    } catch (FileNotFoundException e) {
      throw new IOException(uri + ": " + what + " is missing although its checksum is there; nothing was installed");
    } catch (IOException e) {
      throw new IOException(uri + ": could not be fetched (" + e + "); nothing was installed", e);
    }
  }

  /** Moves {@code from} over {@code to} atomically where the file system can. */
  static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * The jar a tool home names: the home itself when it is a {@code .jar}, else {@value #JAR_NAME}
   * inside it (where this installer puts it), with the home's own separator.
   */
  public static String jarIn(String home) {
    String trimmed = home.trim();
    if (trimmed.toLowerCase(java.util.Locale.ROOT).endsWith(".jar")) {
      return trimmed;
    }
    String separator = trimmed.contains("\\") && !trimmed.contains("/") ? "\\" : "/";
    while (trimmed.length() > 1 && trimmed.endsWith(separator)) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed + separator + JAR_NAME;
  }

  /** The SHA-256 of a file, lower-case hex. */
  static String sha256(Path file) throws IOException {
    MessageDigest digest = Checksum.Algorithm.SHA256.digest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[65536];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
