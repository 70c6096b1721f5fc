package io.deployguard.jenkins.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installer against a Maven repository laid out on disk and served over loopback HTTP. */
class JarInstallerTest {

  @TempDir Path repo;
  @TempDir Path tools;

  private HttpServer server;
  private final List<String> requests = new ArrayList<>();
  private final List<String> log = new ArrayList<>();
  private String base;

  private static final byte[] JAR = "PK\u0003\u0004 a released jar".getBytes(StandardCharsets.ISO_8859_1);

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.add(exchange.getRequestURI().getPath());
      Path file = repo.resolve(exchange.getRequestURI().getPath().substring(1));
      if (!Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
        return;
      }
      byte[] body = Files.readAllBytes(file);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort() + "/maven2/";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Path release(String version) throws IOException {
    Path dir = Files.createDirectories(repo.resolve("maven2/io/deployguard/deployguard/" + version));
    return Files.write(dir.resolve("deployguard-" + version + "-all.jar"), JAR);
  }

  private static String hex(String algorithm, byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
  }

  private JarInstaller installer() {
    return new JarInstaller(JarInstaller.urlConnections(), log::add);
  }

  private List<String> leftovers() throws IOException {
    try (Stream<Path> files = Files.list(tools)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part")).toList();
    }
  }

  @Test
  void theReleaseLayout_isMavenCentralsByDefault() {
    Release r = Release.of("", "0.1.0");
    assertEquals("https://repo1.maven.org/maven2/io/deployguard/deployguard/0.1.0/deployguard-0.1.0-all.jar",
        r.jar().toString());
    assertEquals(r.jar() + ".sha256", r.checksum(Checksum.Algorithm.SHA256).toString());
    assertEquals("https://mirror.example/m2/io/deployguard/deployguard/1.2.3-rc.1/deployguard-1.2.3-rc.1-all.jar",
        Release.of("https://mirror.example/m2///", "1.2.3-rc.1").jar().toString());
  }

  @Test
  void aVersionOrURLThatIsNotOne_isRejectedWithTheFix() {
    for (String v : List.of("", "latest", "../../evil", "1.0/../../x", "1.0?x", "1 .0")) {
      assertTrue(assertThrows(StepInputException.class, () -> Release.of("", v)).getMessage()
          .contains("give a released version such as 0.1.0"), v);
    }
    assertEquals("repository URL 'ftp://x': use an https://, http:// or file: URL, e.g. https://repo1.maven.org/maven2",
        assertThrows(StepInputException.class, () -> Release.of("ftp://x", "0.1.0")).getMessage());
  }

  @Test
  void aJarWithItsSha256_isInstalledVerified() throws Exception {
    Path jar = release("0.1.0");
    Files.writeString(Path.of(jar + ".sha256"), hex("SHA-256", JAR) + "  deployguard-0.1.0-all.jar\n");
    Files.writeString(Path.of(jar + ".sha1"), "0".repeat(40));

    Path installed = installer().install(Release.of(base, "0.1.0"), tools);

    assertEquals(tools.resolve("deployguard.jar"), installed);
    assertEquals(List.of(JAR.length), List.of(Files.readAllBytes(installed).length));
    assertFalse(requests.stream().anyMatch(p -> p.endsWith(".sha1")), "the .sha256 is preferred: " + requests);
    assertEquals(List.of(), leftovers());
  }

  @Test
  void aJarWithOnlyASha1_isInstalledVerifiedBySha1() throws Exception {
    Path jar = release("0.1.0");
    Files.writeString(Path.of(jar + ".sha1"), hex("SHA-1", JAR));

    assertTrue(Files.isRegularFile(installer().install(Release.of(base, "0.1.0"), tools)));
    assertTrue(log.get(0).contains("checked against its .sha1"), log.toString());
  }

  @Test
  void aWrongChecksum_installsNothing() throws Exception {
    Path jar = release("0.1.0");
    Files.writeString(Path.of(jar + ".sha256"), "a".repeat(64));

    IOException e = assertThrows(IOException.class, () -> installer().install(Release.of(base, "0.1.0"), tools));

    assertTrue(e.getMessage().startsWith(base + "io/deployguard/deployguard/0.1.0/deployguard-0.1.0-all.jar: checksum "
        + "mismatch: its .sha256 says " + "a".repeat(64) + ", the download is " + hex("SHA-256", JAR)), e.getMessage());
    assertTrue(e.getMessage().endsWith("; nothing was installed"));
    assertFalse(Files.exists(tools.resolve("deployguard.jar")));
    assertEquals(List.of(), leftovers());
  }

  @Test
  void aMissingVersion_saysSoInOneLine() throws Exception {
    release("0.1.0");
    IOException e = assertThrows(IOException.class, () -> installer().install(Release.of(base, "9.9.9"), tools));
    assertEquals("deployguard 9.9.9 is not in " + base.substring(0, base.length() - 1) + ": neither " + base
        + "io/deployguard/deployguard/9.9.9/deployguard-9.9.9-all.jar.sha256 nor .sha1 exists; check the version and "
        + "the repository URL", e.getMessage());
    assertFalse(Files.exists(tools.resolve("deployguard.jar")));
  }

  @Test
  void aChecksumFileWithoutADigest_isAnError() throws Exception {
    Path jar = release("0.1.0");
    Files.writeString(Path.of(jar + ".sha256"), "<html>not found</html>");
    IOException e = assertThrows(IOException.class, () -> installer().install(Release.of(base, "0.1.0"), tools));
    assertTrue(e.getMessage().endsWith(".sha256 holds no SHA-256 digest; nothing was installed"), e.getMessage());
  }

  @Test
  void anInstalledRelease_isNotDownloadedAgain_butAChangedJarIs() throws Exception {
    Path jar = release("0.1.0");
    Files.writeString(Path.of(jar + ".sha256"), hex("SHA-256", JAR));
    installer().install(Release.of(base, "0.1.0"), tools);
    int first = requests.size();

    installer().install(Release.of(base, "0.1.0"), tools);
    assertEquals(first, requests.size(), "cached: " + requests);

    Files.writeString(tools.resolve("deployguard.jar"), "tampered");
    installer().install(Release.of(base, "0.1.0"), tools);
    assertTrue(requests.size() > first, "a jar that no longer matches its record is fetched again");
    assertEquals(JAR.length, Files.size(tools.resolve("deployguard.jar")));
  }

  @Test
  void anotherVersion_replacesTheInstalledOne() throws Exception {
    for (String v : List.of("0.1.0", "0.2.0")) {
      Path jar = release(v);
      Files.writeString(Path.of(jar + ".sha256"), hex("SHA-256", JAR));
    }
    installer().install(Release.of(base, "0.1.0"), tools);
    installer().install(Release.of(base, "0.2.0"), tools);
    assertTrue(Files.readString(tools.resolve(JarInstaller.RECORD_NAME)).startsWith(
        base + "io/deployguard/deployguard/0.2.0/"));
  }

  @Test
  void aFileRepository_works() throws Exception {
    Path jar = release("0.1.0");
    Files.writeString(Path.of(jar + ".sha256"), hex("SHA-256", JAR));
    Path installed = installer().install(Release.of(repo.resolve("maven2").toUri().toString(), "0.1.0"), tools);
    assertEquals(JAR.length, Files.size(installed));
  }

  @Test
  void theDefaultVersion_isTheProjectsVersion() throws IOException {
    String pom = Files.readString(Path.of(System.getProperty("deployguard.rootPom", "../../pom.xml")));
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("<artifactId>deployguard</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
    assertTrue(m.find(), "the root pom.xml names its version");
    assertEquals(m.group(1).replace("-SNAPSHOT", ""), Release.DEFAULT_VERSION);
  }

  @Test
  void aToolHome_namesTheJarInsideIt_orIsTheJar() {
    assertEquals("/opt/deployguard/deployguard.jar", JarInstaller.jarIn("/opt/deployguard/"));
    assertEquals("/opt/dg/deployguard-0.1.0-all.jar", JarInstaller.jarIn("/opt/dg/deployguard-0.1.0-all.jar"));
    assertEquals("C:\\tools\\dg\\deployguard.jar", JarInstaller.jarIn("C:\\tools\\dg"));
  }
}
