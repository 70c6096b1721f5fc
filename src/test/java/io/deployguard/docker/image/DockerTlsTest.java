package io.deployguard.docker.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.deployguard.policy.InputException;
import io.deployguard.testing.RealComponent;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deployguard's own Docker TLS against a real mutual-TLS HTTPS server on loopback, with a CA, a
 * server certificate and client keys in each format made by the {@code openssl} CLI.
 */
class DockerTlsTest {
  @TempDir static Path dir;
  private static HttpsServer server;
  private static final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startServer() throws Exception {
    RealComponent.require("openssl", RealComponent.onPath("openssl"), "apt-get install openssl");
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem", "-out", "ca.pem", "-days", "2",
        "-subj", "/CN=deployguard-test-ca");
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-ca-key.pem", "-out", "other-ca.pem",
        "-days", "2", "-subj", "/CN=some-other-ca");
    Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server-key.pem", "-out", "server.csr",
        "-subj", "/CN=127.0.0.1");
    sign("server", "server.ext");
    openssl("pkcs12", "-export", "-in", "server-cert.pem", "-inkey", "server-key.pem", "-out", "server.p12",
        "-passout", "pass:test");

    char[] pw = "test".toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
      keys.load(in, pw);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, pw);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(dir.resolve("ca.pem"))) {
      trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);

    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(ctx) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = ctx.getDefaultSSLParameters();
        p.setNeedClientAuth(true);
        params.setSSLParameters(p);
      }
    });
    server.createContext("/", ex -> {
      X509Certificate client = (X509Certificate) ((HttpsExchange) ex).getSSLSession().getPeerCertificates()[0];
      seen.add(client.getSubjectX500Principal().getName() + " " + ex.getRequestURI().getPath());
      byte[] body = "{\"message\":\"No such image: x\"}".getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(404, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void pkcs1RsaKey_reachesTheEngineOverMutualTls_andTheCliSaysNoSuchImageWithExit3() throws Exception {
    Path certs = client("rsa1", "genrsa", "-traditional", "-out", "key.pem", "2048");
    assertThat(Files.readString(certs.resolve("key.pem"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");

    Cli r = cli(certs, certs.resolve("ca.pem"));

    assertThat(r.exit).isEqualTo(3);
    assertThat(r.err.strip().lines()).hasSize(1);
    assertThat(r.err).contains("no image 'x'", "tcp://127.0.0.1:" + port()).doesNotContain("\tat ");
    assertThat(seen).anyMatch(s -> s.startsWith("CN=client-rsa1 ") && s.endsWith("/images/x/json"));
  }

  @Test
  void pkcs8RsaKey_reachesTheEngineOverMutualTls() throws Exception {
    Path certs = client("rsa8", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "key.pem");
    assertThat(Files.readString(certs.resolve("key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");

    assertThatThrownBy(() -> read(certs)).isInstanceOf(InputException.class).hasMessageContaining("no image 'x'");
    assertThat(seen).anyMatch(s -> s.startsWith("CN=client-rsa8 ") && s.endsWith("/images/x/json"));
  }

  @Test
  void sec1EcP256Key_reachesTheEngineOverMutualTls() throws Exception {
    Path certs = client("ec", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "key.pem");
    assertThat(Files.readString(certs.resolve("key.pem"))).startsWith("-----BEGIN EC PRIVATE KEY-----");

    assertThatThrownBy(() -> read(certs)).isInstanceOf(InputException.class).hasMessageContaining("no image 'x'");
    assertThat(seen).anyMatch(s -> s.startsWith("CN=client-ec ") && s.endsWith("/images/x/json"));
  }

  @Test
  void aCaThatDidNotSignTheEngine_isAOneLineTlsErrorWithExit3() throws Exception {
    Path certs = client("wrongca", "genrsa", "-traditional", "-out", "key.pem", "2048");

    Cli r = cli(certs, dir.resolve("other-ca.pem"));

    assertThat(r.exit).isEqualTo(3);
    assertThat(r.err.strip().lines()).hasSize(1);
    assertThat(r.err).contains("TLS with the Docker Engine at tcp://127.0.0.1:" + port() + " failed", "ca.pem")
        .doesNotContain("\tat ");
    assertThat(seen).noneMatch(s -> s.startsWith("CN=client-wrongca "));
  }

  @Test
  void anEncryptedKey_isAOneLineErrorNamingTheKeyFileWithExit3() throws Exception {
    Path certs = client("enc", "genrsa", "-out", "plain.pem", "2048");
    openssl(certs, "pkcs8", "-topk8", "-in", "plain.pem", "-out", "key.pem", "-passout", "pass:secret");
    assertThat(Files.readString(certs.resolve("key.pem"))).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");

    Cli r = cli(certs, certs.resolve("ca.pem"));

    assertThat(r.exit).isEqualTo(3);
    assertThat(r.err.strip().lines()).hasSize(1);
    assertThat(r.err).contains("docker-daemon:x: " + certs.resolve("key.pem") + ": the private key is encrypted",
        "openssl pkcs8 -topk8 -nocrypt");
  }

  @Test
  void aKeyInAnotherFormat_isAnErrorNamingTheKeyFile() throws Exception {
    Path certs = client("other", "genrsa", "-traditional", "-out", "key.pem", "2048");
    Files.writeString(certs.resolve("key.pem"), "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaA==\n"
        + "-----END OPENSSH PRIVATE KEY-----\n");

    assertThatThrownBy(() -> read(certs)).isInstanceOf(InputException.class)
        .satisfies(e -> assertThat(((InputException) e).input()).isEqualTo("docker-daemon:x"))
        .hasMessageContaining(certs.resolve("key.pem") + ": ")
        .hasMessageContaining("no PEM private key").hasMessageContaining("PKCS#8");
  }

  @Test
  void aKeyThatDoesNotBelongToTheCertificate_isAOneLineErrorNamingTheKeyFileBeforeAnyConnection() throws Exception {
    Path certs = client("mismatch", "genrsa", "-traditional", "-out", "key.pem", "2048");
    openssl(certs, "genrsa", "-traditional", "-out", "key.pem", "2048");

    Cli r = cli(certs, certs.resolve("ca.pem"));

    assertThat(r.exit).isEqualTo(3);
    assertThat(r.err.strip().lines()).hasSize(1);
    assertThat(r.err).contains("docker-daemon:x: " + certs.resolve("key.pem")
        + ": the key does not belong to the certificate in cert.pem", "write the key that belongs to cert.pem")
        .doesNotContain("\tat ");
    assertThat(seen).noneMatch(s -> s.startsWith("CN=client-mismatch "));
  }

  @Test
  void aCertificateFileWhoseCertificatesAreNotOneChain_isAnErrorNamingTheCertificateFile_notTheKey() throws Exception {
    Path certs = client("notachain", "genrsa", "-traditional", "-out", "key.pem", "2048");
    Files.writeString(certs.resolve("cert.pem"), Files.readString(certs.resolve("cert.pem"))
        + Files.readString(dir.resolve("other-ca.pem")));

    assertThatThrownBy(() -> read(certs)).isInstanceOf(InputException.class)
        .hasMessageContaining(certs.resolve("cert.pem") + ": its certificates are not one chain")
        .hasMessageNotContaining("key.pem")
        .hasMessageContaining("the client certificate first, then each certificate that issued the one before");
  }

  @Test
  void aCertificateFileHoldingAKey_isAnErrorNamingTheCertificateFile() throws Exception {
    Path certs = client("keyascert", "genrsa", "-traditional", "-out", "key.pem", "2048");
    Files.copy(certs.resolve("key.pem"), certs.resolve("cert.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> read(certs)).isInstanceOf(InputException.class)
        .hasMessageContaining(certs.resolve("cert.pem") + ": not a PEM certificate file")
        .hasMessageContaining("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void aTruncatedKey_isAnErrorNamingTheKeyFile() throws Exception {
    Path certs = client("truncated", "genrsa", "-traditional", "-out", "key.pem", "2048");
    Files.writeString(certs.resolve("key.pem"), "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n"
        + "-----END RSA PRIVATE KEY-----\n");

    assertThatThrownBy(() -> read(certs)).isInstanceOf(InputException.class)
        .hasMessageContaining(certs.resolve("key.pem") + ": cannot read the private key")
        .hasMessageContaining("PKCS#8");
  }

  @Test
  void aMissingCertificate_isAnErrorNamingTheFileAndTheWayOut() throws Exception {
    Path certs = client("nocert", "genrsa", "-traditional", "-out", "key.pem", "2048");
    Files.delete(certs.resolve("cert.pem"));

    assertThatThrownBy(() -> read(certs)).isInstanceOf(InputException.class)
        .satisfies(e -> assertThat(((InputException) e).input()).isEqualTo("docker-daemon:x"))
        .hasMessageContaining(certs.resolve("cert.pem") + ": no certificate file")
        .hasMessageContaining("unset DOCKER_TLS_VERIFY");
  }

  @Test
  void withoutTlsVerify_noTlsIsSetUp() {
    assertThat(DockerTls.fromEnv(Map.of("DOCKER_CERT_PATH", dir.toString()))).isNull();
    assertThat(DockerTls.fromEnv(Map.of("DOCKER_TLS_VERIFY", "", "DOCKER_CERT_PATH", dir.toString()))).isNull();
  }

  // --- helpers

  private static int port() {
    return server.getAddress().getPort();
  }

  /** A directory with ca.pem, cert.pem (CN=client-NAME, signed by the CA) and key.pem made by {@code keygen}. */
  private static Path client(String name, String... keygen) throws Exception {
    Path certs = Files.createDirectories(dir.resolve("client-" + name));
    openssl(certs, keygen);
    String key = Files.exists(certs.resolve("key.pem")) ? "key.pem" : "plain.pem";
    openssl(certs, "req", "-new", "-key", key, "-subj", "/CN=client-" + name, "-out", "client.csr");
    openssl(certs, "x509", "-req", "-in", "client.csr", "-CA", dir.resolve("ca.pem").toString(), "-CAkey",
        dir.resolve("ca-key.pem").toString(), "-CAcreateserial", "-out", "cert.pem", "-days", "2",
        "-extfile", dir.resolve("client.ext").toString());
    Files.copy(dir.resolve("ca.pem"), certs.resolve("ca.pem"));
    return certs;
  }

  private static void sign(String name, String ext) throws Exception {
    openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
        "-out", name + "-cert.pem", "-days", "2", "-extfile", ext);
  }

  private static void openssl(String... args) throws Exception {
    openssl(dir, args);
  }

  private static void openssl(Path in, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(in.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
  }

  private static Map<String, String> env(Path certs) {
    Map<String, String> env = new HashMap<>();
    env.put("DOCKER_HOST", "tcp://127.0.0.1:" + port());
    env.put("DOCKER_TLS_VERIFY", "1");
    env.put("DOCKER_CERT_PATH", certs.toString());
    return env;
  }

  private static ImageLayers read(Path certs) {
    return DaemonReader.read(new ImageSource.Daemon("docker-daemon:x", "x"), null, ReadLimits.DEFAULT,
        Progress.SILENT, env(certs));
  }

  private record Cli(int exit, String err) {}

  /** Runs the CLI in its own JVM (same classpath) with the Docker TLS environment, as a user would. */
  private static Cli cli(Path certs, Path ca) throws IOException, InterruptedException {
    if (!ca.equals(certs.resolve("ca.pem"))) {
      Files.copy(ca, certs.resolve("ca.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Path err = certs.resolve("stderr.txt");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.deployguard.cli.Main", "image", "docker-daemon:x")
        .redirectError(err.toFile()).redirectOutput(certs.resolve("stdout.txt").toFile());
    pb.environment().putAll(env(certs));
    pb.environment().put("HOME", certs.toString());
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the CLI finished").isTrue();
    return new Cli(p.exitValue(), Files.readString(err));
  }
}
