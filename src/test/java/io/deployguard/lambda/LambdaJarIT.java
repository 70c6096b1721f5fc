package io.deployguard.lambda;

import static io.deployguard.testing.MotoEc2.allFromCidr;
import static io.deployguard.testing.MotoEc2.tcpFromCidr;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deployguard.app.Version;
import io.deployguard.testing.MotoEc2;
import io.deployguard.testing.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code lambda} jar as Lambda gets it: small enough to upload directly, without the CLI's
 * libraries, and enough on its own to run the handler. A failsafe test: it needs the jar {@code
 * package} builds.
 */
class LambdaJarIT {
  private static final Path JAR = Path.of(System.getProperty("deployguard.lambdaJar",
      "target/deployguard-" + Version.get() + "-lambda.jar"));
  private static final Path DRIVER = Path.of("examples/incidents/open-security-group/InvokeHandler.java");
  private static final long MB = 1_000_000;

  @TempDir Path work;

  @Test
  void lambdaJar_isUnder40MB_wellInsideLambdasDirectUploadLimitOf50MB() throws IOException {
    assertThat(JAR).as("the lambda jar 'mvn package' builds").exists();
    assertThat(Files.size(JAR)).as("size of %s in bytes (Lambda takes at most 50 MB directly)", JAR)
        .isLessThan(40 * MB);
  }

  @Test
  void lambdaJar_leavesOutTheDockerClientTheCliZstdAndBouncyCastle() throws IOException {
    try (ZipFile zip = new ZipFile(JAR.toFile())) {
      List<String> names = zip.stream().map(ZipEntry::getName).toList();
      assertThat(names).contains("io/deployguard/lambda/SecurityGroupEventHandler.class",
          "com/amazonaws/services/lambda/runtime/RequestStreamHandler.class",
          "software/amazon/awssdk/services/ec2/Ec2Client.class", "software/amazon/awssdk/services/sns/SnsClient.class");
      for (String left : List.of("com/github/dockerjava/", "picocli/", "com/github/luben/", "org/bouncycastle/",
          "org/apache/hc/", "com/sun/jna/", "io/deployguard/cli/", "software/amazon/awssdk/services/cloudwatch/")) {
        assertThat(names).as("entries under " + left).noneMatch(n -> n.startsWith(left));
      }
      assertThat(names).as("native libraries").noneMatch(n -> n.endsWith(".so") || n.endsWith(".dll")
          || n.endsWith(".dylib") || n.endsWith(".jnilib"));
    }
  }

  @Test
  void handlerFromTheLambdaJarAloneInAFreshJvm_revokesTheOpenRuleTheEventNames() throws Exception {
    MotoEc2 env = MotoEc2.freshAccount();
    MotoServer moto = MotoServer.shared();
    String topic = moto.clients().sns(MotoServer.REGION).createTopic(c -> c.name("security")).topicArn();
    String group = env.group("poc");
    String open = env.ingress(group, allFromCidr("0.0.0.0/0"));
    String https = env.ingress(group, tcpFromCidr(443, 443, "0.0.0.0/0"));
    Path event = work.resolve("event.json");
    Files.write(event, SecurityGroupEventHandlerTest.event("authorize-ingress.json",
        Map.of("GROUP", group, "OPEN", open, "HTTPS", https)));

    Path classes = Files.createDirectories(work.resolve("classes"));
    run(List.of(tool("javac"), "-cp", JAR.toString(), "-d", classes.toString(), DRIVER.toString()), Map.of());
    String out = run(List.of(tool("java"), "-cp", JAR + java.io.File.pathSeparator + classes, "InvokeHandler",
        event.toString()), Map.of(
            "AWS_ENDPOINT_URL", moto.endpoint().toString(), "AWS_REGION", MotoServer.REGION,
            "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing",
            "DEPLOYGUARD_TOPIC_ARN", topic));

    JsonNode result = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow());
    assertThat(result.get("status").asText()).as(out).isEqualTo("ok");
    assertThat(result.get("revoked").asInt()).as(out).isEqualTo(1);
    assertThat(env.listing()).doesNotContainKey(open).containsKey(https);
    assertThat(out).contains("\"event\":\"deployguard.decision\"");
    assertThat(moto.sentMessages()).singleElement().satisfies(m -> assertThat(m.body())
        .contains("arn:aws:sts::123456789012:assumed-role/poc-admin/poc-user", "security-group-rule/" + open));
  }

  private static String tool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  /** Runs a command with no inherited class path and {@code env} added; returns stdout, fails on a non-zero exit. */
  private String run(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
    Path log = Files.createTempFile(work, "run", ".log");
    Path err = Files.createTempFile(work, "run", ".err");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(log.toFile()).redirectError(err.toFile());
    pb.environment().remove("CLASSPATH");
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.environment().putAll(env);
    Process p = pb.start();
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).as(String.join(" ", cmd) + " finished").isTrue();
    String out = Files.readString(log);
    assertThat(p.exitValue()).as("%s%nstdout:%n%s%nstderr:%n%s", String.join(" ", cmd), out, Files.readString(err))
        .isZero();
    return out;
  }
}
