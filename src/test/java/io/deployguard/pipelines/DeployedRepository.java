package io.deployguard.pipelines;

import com.sun.net.httpserver.HttpServer;
import io.deployguard.testing.RealComponent;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * This build's jars deployed by Maven itself ({@code deploy:deploy-file}, the layout and checksum
 * files {@code mvn deploy} writes) into a file-based repository under {@code target/}, and served
 * from there over loopback HTTP, as Maven Central serves a release.
 */
final class DeployedRepository implements AutoCloseable {
  static final Path BASEDIR = Path.of(System.getProperty("user.dir"));
  /** The POM's version: the one the launchers, the template and the docs must name. */
  static final String VERSION = pomVersion();
  static final Path ALL_JAR = BASEDIR.resolve("target/deployguard-" + VERSION + "-all.jar");
  /** Where the release lies in a repository: the published layout. */
  static final String RELEASE_DIR = "io/deployguard/deployguard/" + VERSION;
  static final String ALL_JAR_PATH = RELEASE_DIR + "/deployguard-" + VERSION + "-all.jar";

  private static final Path REPOSITORY = BASEDIR.resolve("target/it-maven-repository");

  private final HttpServer server;
  private final Path root;
  private final Map<String, AtomicInteger> downloads = new ConcurrentHashMap<>();

  private DeployedRepository(Path root) throws IOException {
    this.root = root;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/maven2/", exchange -> {
      String asked = exchange.getRequestURI().getPath().substring("/maven2/".length());
      Path file = root.resolve(asked).normalize();
      if (!file.startsWith(root) || !Files.isRegularFile(file) || !"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(404, -1);
      } else {
        downloads.computeIfAbsent(asked, k -> new AtomicInteger()).incrementAndGet();
        exchange.sendResponseHeaders(200, Files.size(file));
        try (InputStream in = Files.newInputStream(file)) {
          in.transferTo(exchange.getResponseBody());
        }
      }
      exchange.close();
    });
    server.start();
  }

  /** Serves the repository this build deployed (deploying it first when the jars are newer). */
  static DeployedRepository serve() throws Exception {
    return new DeployedRepository(deployed());
  }

  /**
   * Serves a copy of the deployed repository that {@code change} may alter (a tampered jar, a
   * .sha256 file) without touching the one the other tests use.
   */
  static DeployedRepository serveCopy(Path dir, FileChange change) throws Exception {
    Path source = deployed();
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = dir.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    change.apply(dir.resolve(RELEASE_DIR));
    return new DeployedRepository(dir);
  }

  /** Serves a copy whose all jar has one byte more than its published checksums say. */
  static DeployedRepository serveTampered(Path dir) throws Exception {
    return serveCopy(dir, release -> Files.write(release.resolve("deployguard-" + VERSION + "-all.jar"),
        new byte[] {0}, java.nio.file.StandardOpenOption.APPEND));
  }

  /** The regular files under {@code dir}, none when it does not exist: a refused download leaves none. */
  static List<Path> filesUnder(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  /** A change to a copy of the release directory. */
  @FunctionalInterface
  interface FileChange {
    void apply(Path releaseDir) throws IOException;
  }

  /** The repository's URL, as DEPLOYGUARD_MAVEN_REPOSITORY or the template's maven_repository take it. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/maven2";
  }

  /** How often the release's all jar was downloaded. */
  int jarDownloads() {
    AtomicInteger n = downloads.get(ALL_JAR_PATH);
    return n == null ? 0 : n.get();
  }

  Path root() {
    return root;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static synchronized Path deployed() throws Exception {
    Path jar = REPOSITORY.resolve(ALL_JAR_PATH);
    if (Files.isRegularFile(jar.resolveSibling(jar.getFileName() + ".sha1"))
        && Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(ALL_JAR)) >= 0) {
      return REPOSITORY;
    }
    RealComponent.require("mvn (deploys the build into a file repository)", RealComponent.onPath("mvn"),
        "apt-get install maven");
    Path plain = BASEDIR.resolve("target/deployguard-" + VERSION + ".jar");
    Path lambda = BASEDIR.resolve("target/deployguard-" + VERSION + "-lambda.jar");
    for (Path built : List.of(plain, ALL_JAR, lambda)) {
      if (!Files.isRegularFile(built)) {
        throw new AssertionError(built + " is missing: the download tests run after `mvn package`");
      }
    }
    Command deploy = Command.run(BASEDIR, Map.of(), Duration.ofMinutes(5), List.of("mvn", "-B", "-ntp", "-q",
        "org.apache.maven.plugins:maven-deploy-plugin:3.1.3:deploy-file",
        "-Durl=" + REPOSITORY.toUri(), "-DrepositoryId=it-file-repository",
        "-Dfile=" + plain, "-DpomFile=pom.xml",
        "-Dfiles=" + ALL_JAR + "," + lambda, "-Dclassifiers=all,lambda", "-Dtypes=jar,jar"));
    if (deploy.exitCode() != 0 || !Files.isRegularFile(jar)) {
      throw new AssertionError("mvn deploy:deploy-file exited " + deploy.exitCode() + ":\n" + deploy.output());
    }
    return REPOSITORY;
  }

  private static String pomVersion() {
    try {
      String pom = Files.readString(BASEDIR.resolve("pom.xml"));
      Matcher m = Pattern.compile("<artifactId>deployguard</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
      if (!m.find()) {
        throw new IllegalStateException("pom.xml names no <version> after <artifactId>deployguard</artifactId>");
      }
      return m.group(1);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
