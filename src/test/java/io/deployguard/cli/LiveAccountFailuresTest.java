package io.deployguard.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.deployguard.testing.MotoEc2.tcpFromCidr;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.deployguard.testing.CloudWatchStub;
import io.deployguard.testing.MotoEc2;
import io.deployguard.testing.MotoServer;
import io.deployguard.testing.PostdeployWiring;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live account fails closed and says so in one true line: filters that match nothing, an
 * account without groups, a repeated page token, a passed deadline, missing credentials, a bad
 * endpoint, an endpoint that does not speak CloudWatch's protocol.
 */
class LiveAccountFailuresTest {
  @TempDir Path tmp;
  private MotoEc2 env;
  private MotoServer moto;
  private WireMockServer proxy;

  record Run(int exit, String out, String err) {
    String all() {
      return out + err;
    }
  }

  @BeforeEach
  void setUp() {
    env = MotoEc2.freshAccount();
    moto = MotoServer.shared();
    proxy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    proxy.start();
    proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
  }

  @AfterEach
  void stop() {
    proxy.stop();
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), PostdeployWiring.worldSsh());
    return new Run(code, out.toString(), err.toString());
  }

  private Run remediate(String... extra) {
    List<String> all = new ArrayList<>(List.of("remediate", "--endpoint-url", "http://127.0.0.1:" + proxy.port(),
        "--region", MotoServer.REGION));
    all.addAll(List.of(extra));
    return run(all.toArray(String[]::new));
  }

  @Test
  void filtersThatMatchNoGroup_areInputErrorsNamingTheFilter() {
    env.ingress(env.group("web"), tcpFromCidr(22, 22, "0.0.0.0/0"));

    Run byId = remediate("--group-id", "sg-0000nothere");
    Run byVpc = remediate("--vpc-id", "vpc-nothere");
    Run byTag = remediate("--tag", "team=nobody");

    assertThat(byId.exit()).isEqualTo(3);
    // One section for the account and region, not an empty one beside it.
    assertThat(byId.out()).doesNotContain("  no findings\n").contains("not scanned: see ERROR below");
    assertThat(byId.all()).contains("the filter --group-id sg-0000nothere").contains("matches no security group")
        .doesNotContain("PASS");
    assertThat(byVpc.exit()).isEqualTo(3);
    assertThat(byVpc.all()).contains("the filter --vpc-id vpc-nothere");
    assertThat(byTag.exit()).isEqualTo(3);
    assertThat(byTag.all()).contains("the filter --tag team=nobody");
  }

  @Test
  void anAccountWithoutAnyGroup_isAnInputError() {
    proxy.stubFor(post(urlEqualTo("/")).atPriority(1).withRequestBody(containing("Action=DescribeSecurityGroups"))
        .willReturn(aResponse().withStatus(200).withBody("<DescribeSecurityGroupsResponse xmlns=\"http://ec2.amazonaws.com/"
            + "doc/2016-11-15/\"><requestId>r</requestId><securityGroupInfo/></DescribeSecurityGroupsResponse>")));

    Run r = remediate();

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.all()).contains("no security group at all in aws://us-east-1/" + MotoServer.ACCOUNT);
  }

  @Test
  void aPageTokenThatComesBack_stopsTheReadInsteadOfLooping() {
    proxy.stubFor(post(urlEqualTo("/")).atPriority(1).withRequestBody(containing("Action=DescribeSecurityGroupRules"))
        .willReturn(aResponse().withStatus(200).withBody("<DescribeSecurityGroupRulesResponse xmlns=\"http://ec2."
            + "amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId><securityGroupRuleSet/><nextToken>again"
            + "</nextToken></DescribeSecurityGroupRulesResponse>")));

    Run r = remediate();

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.all()).contains("the same NextToken twice");
    assertThat(proxy.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/"))
        .withRequestBody(containing("Action=DescribeSecurityGroupRules")))).hasSize(2);
  }

  @Test
  void passingTheTimeout_isAnInputError_andTheAuditRecordSaysWhatWasDone() throws IOException {
    env.ingress(env.group("web"), tcpFromCidr(22, 22, "0.0.0.0/0"));
    proxy.stubFor(any(anyUrl()).atPriority(5).willReturn(aResponse().proxiedFrom(moto.endpoint().toString())
        .withFixedDelay(700)));
    Path audit = tmp.resolve("audit.json");

    Run r = remediate("--apply", "--timeout", "1s", "--audit", audit.toString());

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.all()).contains("the run passed --timeout 1s before");
    JsonNode record = new ObjectMapper().readTree(audit.toFile());
    assertThat(record.at("/runs/0/error").asText()).contains("passed --timeout 1s");
    assertThat(record.get("complete").asBoolean()).isTrue();
  }

  @Test
  void aReadThatFails_isInTheAuditRecordWithItsRegionAndError() throws IOException {
    proxy.stubFor(post(urlEqualTo("/")).atPriority(1).withRequestBody(containing("Action=DescribeSecurityGroups"))
        .willReturn(aResponse().withStatus(500).withBody("<Response><Errors><Error><Code>InternalError</Code>"
            + "<Message>boom</Message></Error></Errors></Response>")));
    Path audit = tmp.resolve("audit.json");

    Run r = remediate("--apply", "--audit", audit.toString());

    assertThat(r.exit()).isEqualTo(3);
    JsonNode run = new ObjectMapper().readTree(audit.toFile()).at("/runs/0");
    assertThat(run.get("region").asText()).isEqualTo(MotoServer.REGION);
    assertThat(run.get("account").asText()).isEqualTo(MotoServer.ACCOUNT);
    assertThat(run.get("error").asText()).contains("InternalError: boom (HTTP 500)");
    assertThat(run.get("decisions")).isEmpty();
  }

  @Test
  void anEndpointThatNeverAnswers_endsWithinTheCallTimeout() throws IOException {
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      long start = System.nanoTime();

      Run r = run("remediate", "--endpoint-url", "http://127.0.0.1:" + silent.getLocalPort(), "--region",
          MotoServer.REGION);

      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      assertThat(r.exit()).isEqualTo(3);
      assertThat(seconds).isLessThanOrEqualTo(io.deployguard.aws.AwsClients.CALL_TIMEOUT.toSeconds() + 5);
      assertThat(r.all()).contains("AWS did not answer in time");
    }
  }

  @Test
  void aRegionGivenTwice_isScannedOnce() {
    env.ingress(env.group("web"), tcpFromCidr(22, 22, "0.0.0.0/0"));

    Run r = remediate("--region", MotoServer.REGION, "--vpc-id", env.vpcId());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).startsWith("deployguard").contains("1 input,");
  }

  @Test
  void anEndpointThatIsNotAUrl_isAUsageError() {
    Run r = run("remediate", "--endpoint-url", "notaurl", "--region", MotoServer.REGION);

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--endpoint-url notaurl: not a URL").doesNotContain("Exception");
  }

  @Test
  void missingCredentials_areOneLineNamingTheSourcesAndTheFix() {
    Map<String, String> saved = new java.util.HashMap<>();
    for (String k : List.of("aws.accessKeyId", "aws.secretAccessKey", "aws.sharedCredentialsFile", "aws.configFile",
        "aws.disableEc2Metadata")) {
      String v = System.getProperty(k);
      if (v != null) {
        saved.put(k, v);
      }
    }
    try {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
      System.setProperty("aws.sharedCredentialsFile", tmp.resolve("none").toString());
      System.setProperty("aws.configFile", tmp.resolve("none-config").toString());
      System.setProperty("aws.disableEc2Metadata", "true");

      Run r = remediate();

      assertThat(r.exit()).isEqualTo(3);
      String line = r.all().lines().filter(l -> l.contains("no AWS credentials found")).findFirst().orElseThrow();
      assertThat(line).contains("AWS_ACCESS_KEY_ID").contains("instance role").contains("aws configure")
          .contains("AWS_PROFILE").contains("--profile").hasSizeLessThan(600);
    } finally {
      for (String k : List.of("aws.sharedCredentialsFile", "aws.configFile", "aws.disableEc2Metadata")) {
        System.clearProperty(k);
      }
      saved.forEach(System::setProperty);
      MotoServer.shared();
    }
  }

  @Test
  void aCloudWatchEndpointAnswering404_getsAProtocolHint() {
    try (CloudWatchStub cw = CloudWatchStub.start()) {
      cw.server().stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(404)));

      Run r = run("alarms", "--endpoint-url", cw.endpoint().toString(), "--region", MotoServer.REGION);

      assertThat(r.exit()).isEqualTo(3);
      assertThat(r.all()).contains("does not speak the current CloudWatch protocol")
          .contains("AWS_ENDPOINT_URL_CLOUDWATCH");
    }
  }
}
