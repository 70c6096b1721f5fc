package io.deployguard.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch as the AWS SDK v2 (2.40.6 and later) speaks to it: Smithy RPC v2 CBOR, {@code POST
 * /service/GraniteServiceVersion20100801/operation/<Operation>}, CBOR bodies with {@code
 * smithy-protocol: rpc-v2-cbor}, timestamps as CBOR tag 1 (epoch seconds), and errors as a CBOR
 * body with {@code __type} plus the {@code x-amzn-query-error} header of query-compatible
 * services. Backed by WireMock on a free loopback port; moto does not speak this protocol.
 */
public final class CloudWatchStub implements AutoCloseable {

  public static final String PATH = "/service/GraniteServiceVersion20100801/operation/";
  private static final CBORMapper CBOR = new CBORMapper();

  private final WireMockServer server;

  private CloudWatchStub(WireMockServer server) {
    this.server = server;
  }

  public static CloudWatchStub start() {
    WireMockServer s = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    s.start();
    CloudWatchStub stub = new CloudWatchStub(s);
    stub.respond("PutMetricAlarm", Map.of());
    return stub;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  public WireMockServer server() {
    return server;
  }

  /** Passes every request no stub answers to {@code target} (moto), so one endpoint serves all services. */
  public void proxyEverythingElseTo(URI target) {
    server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
        .atPriority(100).willReturn(aResponse().proxiedFrom(target.toString())));
  }

  /** DescribeAlarms answers with these metric alarms, {@code pageSize} per page (NextToken between pages). */
  public void alarms(List<Map<String, Object>> alarms, int pageSize) {
    int pages = Math.max(1, (alarms.size() + pageSize - 1) / pageSize);
    for (int p = 0; p < pages; p++) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("MetricAlarms", alarms.subList(p * pageSize, Math.min(alarms.size(), (p + 1) * pageSize)));
      body.put("CompositeAlarms", List.of());
      if (p < pages - 1) {
        body.put("NextToken", "page-" + (p + 1));
      }
      String state = p == 0 ? Scenario.STARTED : "page-" + p;
      String next = p < pages - 1 ? "page-" + (p + 1) : Scenario.STARTED;
      server.stubFor(post(urlEqualTo(PATH + "DescribeAlarms")).inScenario("alarms").whenScenarioStateIs(state)
          .willReturn(ok(body)).willSetStateTo(next));
    }
  }

  /**
   * From now on DescribeAlarms answers with every alarm PutMetricAlarm created so far, described
   * as CloudWatch describes a new alarm: the request's settings, actions enabled unless the
   * request said otherwise, and in INSUFFICIENT_DATA since now. A later PutMetricAlarm of the same
   * name replaces the earlier one, as in CloudWatch.
   */
  public void describeCreatedAlarms() {
    Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    for (JsonNode put : requests("PutMetricAlarm")) {
      Map<String, Object> alarm = new LinkedHashMap<>();
      put.fields().forEachRemaining(e -> alarm.put(e.getKey(), CBOR.convertValue(e.getValue(), Object.class)));
      String name = put.get("AlarmName").asText();
      alarm.put("AlarmArn", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + name);
      alarm.putIfAbsent("ActionsEnabled", true);
      alarm.putIfAbsent("AlarmActions", List.of());
      alarm.putIfAbsent("OKActions", List.of());
      alarm.putIfAbsent("InsufficientDataActions", List.of());
      alarm.put("StateValue", "INSUFFICIENT_DATA");
      alarm.put("StateUpdatedTimestamp", Instant.now());
      byName.put(name, alarm);
    }
    server.getStubMappings().stream()
        .filter(m -> (PATH + "DescribeAlarms").equals(m.getRequest().getUrl()))
        .toList().forEach(server::removeStubMapping);
    server.resetScenarios();
    alarms(new ArrayList<>(byName.values()), 100);
  }

  /** Every call of {@code operation} answers with {@code body}. */
  public void respond(String operation, Map<String, Object> body) {
    server.stubFor(post(urlEqualTo(PATH + operation)).willReturn(ok(body)));
  }

  /** Every call of {@code operation} fails with this HTTP status and error code. */
  public void fail(String operation, int status, String code, String message) {
    server.stubFor(post(urlEqualTo(PATH + operation)).atPriority(1).willReturn(error(status, code, message)));
  }

  /** Every call of {@code operation} answers 200 with bytes that are not CBOR. */
  public void malformed(String operation) {
    server.stubFor(post(urlEqualTo(PATH + operation)).atPriority(1).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/cbor").withHeader("smithy-protocol", "rpc-v2-cbor")
        .withBody(new byte[] {(byte) 0xbf, 0x61})));
  }

  /** The decoded CBOR bodies of every {@code operation} request, in order. */
  public List<JsonNode> requests(String operation) {
    List<JsonNode> out = new ArrayList<>();
    server.findAll(postRequestedFor(urlEqualTo(PATH + operation))).forEach(r -> {
      try {
        out.add(CBOR.readTree(r.getBody()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return out;
  }

  /** Whether every CloudWatch request carried the RPC v2 CBOR protocol header. */
  public boolean allRequestsSpokeCbor() {
    return server.findAll(postRequestedFor(urlEqualTo(PATH + "DescribeAlarms"))).stream()
        .allMatch(r -> "rpc-v2-cbor".equals(r.getHeader("smithy-protocol"))
            && r.getHeader("Content-Type").startsWith("application/cbor"))
        && server.countRequestsMatching(postRequestedFor(urlEqualTo(PATH + "DescribeAlarms"))
            .withHeader("smithy-protocol", equalTo("rpc-v2-cbor")).build()).getCount() > 0;
  }

  /** A metric alarm as DescribeAlarms returns it; change entries for other cases. */
  public static Map<String, Object> metricAlarm(String name, String namespace, String metric, Map<String, String> dims,
      String statistic, String comparison, double threshold, List<String> actions) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("AlarmName", name);
    a.put("AlarmArn", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + name);
    a.put("ActionsEnabled", true);
    a.put("AlarmActions", actions);
    a.put("OKActions", List.of());
    a.put("InsufficientDataActions", List.of());
    a.put("StateValue", "OK");
    a.put("StateUpdatedTimestamp", Instant.parse("2026-05-01T00:00:00Z"));
    a.put("MetricName", metric);
    a.put("Namespace", namespace);
    a.put("Statistic", statistic);
    a.put("Dimensions", dims.entrySet().stream().map(e -> Map.of("Name", e.getKey(), "Value", e.getValue())).toList());
    a.put("Period", 300);
    a.put("EvaluationPeriods", 1);
    a.put("Threshold", threshold);
    a.put("ComparisonOperator", comparison);
    return a;
  }

  private static ResponseDefinitionBuilder ok(Map<String, Object> body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/cbor")
        .withHeader("smithy-protocol", "rpc-v2-cbor").withBody(cbor(body));
  }

  private static ResponseDefinitionBuilder error(int status, String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("__type", "com.amazonaws.cloudwatch#" + code);
    body.put("message", message);
    return aResponse().withStatus(status).withHeader("Content-Type", "application/cbor")
        .withHeader("smithy-protocol", "rpc-v2-cbor")
        .withHeader("x-amzn-query-error", code + ";" + (status >= 500 ? "Receiver" : "Sender"))
        .withBody(cbor(body));
  }

  /** Encodes maps, lists, strings, numbers, booleans and instants (as tag 1, epoch seconds). */
  public static byte[] cbor(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CBORGenerator g = new CBORFactory().createGenerator(out)) {
      write(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void write(CBORGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof List<?> l) {
      g.writeStartArray();
      for (Object o : l) {
        write(g, o);
      }
      g.writeEndArray();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Double d) {
      g.writeNumber(d);
    } else if (v instanceof Float f) {
      g.writeNumber(f);
    } else if (v instanceof Instant t) {
      g.writeTag(1);
      g.writeNumber(t.toEpochMilli() / 1000.0);
    } else {
      throw new IllegalArgumentException("cannot encode " + v.getClass());
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
