package io.deployguard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deployguard.aws.AwsClients;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code moto_server} on a free loopback port, started once per test JVM and stopped when
 * it exits. Tests call {@link #shared()} (which skips or fails through {@link RealComponent} when
 * moto is missing) and {@link #reset()} before building their scenario. The SDK's default
 * credential chain is pointed at fake keys through system properties, so that code under test
 * builds its clients exactly as in production.
 */
public final class MotoServer {

  public static final String REGION = "us-east-1";
  public static final String ACCOUNT = "123456789012";

  private static MotoServer shared;

  private final Process process;
  private final URI endpoint;

  private MotoServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /** The JVM's moto server, started on first use. */
  public static synchronized MotoServer shared() {
    RealComponent.require("moto_server", RealComponent.onPath("moto_server"),
        "pip install 'moto[server]' so that moto_server is on the PATH");
    if (shared == null) {
      shared = start();
      MotoServer s = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> s.process.destroy()));
    }
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    return shared;
  }

  private static MotoServer start() {
    try {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      Path log = Files.createDirectories(Path.of("target")).resolve("moto-" + port + ".log");
      Process p = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      URI endpoint = URI.create("http://127.0.0.1:" + port);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (Instant.now().isBefore(deadline)) {
        if (!p.isAlive()) {
          throw new IllegalStateException("moto_server exited early; see " + log);
        }
        try {
          HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
          c.setConnectTimeout(500);
          if (c.getResponseCode() == 200) {
            return new MotoServer(p, endpoint);
          }
        } catch (IOException notYet) {
          // still starting
        }
        Thread.sleep(200);
      }
      p.destroy();
      throw new IllegalStateException("moto_server did not answer within 60 s; see " + log);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start moto_server: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A moto server of the caller's own, stopped by {@link #stop()}: for a test that switches on
   * IAM authentication ({@link #iamAuthentication}), which must not share its server.
   */
  public static MotoServer dedicated() {
    shared();
    MotoServer s = start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> s.process.destroy()));
    return s;
  }

  public void stop() {
    process.destroy();
  }

  /**
   * With {@code on}, moto checks every call's signature against its IAM users and assumed roles
   * and evaluates their identity policies (an unknown key or a missing permission answers
   * AccessDenied); off, it accepts any key, as by default.
   */
  public void iamAuthentication(boolean on) {
    try {
      HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/reset-auth").toURL().openConnection();
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "text/plain");
      c.getOutputStream().write((on ? "0" : "inf").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      if (c.getResponseCode() != 200) {
        throw new IllegalStateException("moto reset-auth answered HTTP " + c.getResponseCode());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot switch moto's IAM authentication: " + e.getMessage(), e);
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Forgets every resource, so each test starts from an empty account. */
  public void reset() {
    try {
      HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/reset").toURL().openConnection();
      c.setRequestMethod("POST");
      if (c.getResponseCode() != 200) {
        throw new IllegalStateException("moto reset answered HTTP " + c.getResponseCode());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot reset moto: " + e.getMessage(), e);
    }
  }

  /** Clients against this server, built like production ones. */
  public AwsClients clients() {
    return new AwsClients(null, endpoint, 3, List.of());
  }

  /** A message moto recorded as published to a topic. */
  public record SentMessage(String topicArn, String subject, String body) {}

  /** Every message published to SNS since the last reset, read back from moto's state. */
  public List<SentMessage> sentMessages() {
    try {
      HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/data.json").toURL().openConnection();
      JsonNode data = new ObjectMapper().readTree(c.getInputStream());
      List<SentMessage> out = new ArrayList<>();
      for (JsonNode topic : data.path("sns").path("Topic")) {
        for (JsonNode n : topic.path("sent_notifications")) {
          out.add(new SentMessage(topic.path("arn").asText(), n.path(2).asText(null), n.path(1).asText()));
        }
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read moto's state: " + e.getMessage(), e);
    }
  }
}
