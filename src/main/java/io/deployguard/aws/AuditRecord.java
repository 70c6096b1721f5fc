package io.deployguard.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit record of one remediation run: every decision on every rule, per scope. Its shape is
 * documented in {@code docs/aws.md} and stable ({@code version} changes when it is not).
 *
 * @param version always 1
 * @param tool {@code deployguard VERSION}
 * @param time when the run finished (UTC)
 * @param principal who made the change that triggered the run (the Lambda), or {@code null}
 * @param runs one entry per account and region
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditRecord(
    @JsonProperty("version") int version,
    @JsonProperty("tool") String tool,
    @JsonProperty("time") String time,
    @JsonProperty("principal") String principal,
    @JsonProperty("runs") List<Run> runs) {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** One scope's part of the record. */
  public record Run(
      @JsonProperty("region") String region,
      @JsonProperty("account") String account,
      @JsonProperty("mode") String mode,
      @JsonProperty("max_revocations") int maxRevocations,
      @JsonProperty("limit_reached") boolean limitReached,
      @JsonProperty("error") String error,
      @JsonProperty("summary") Map<String, Long> summary,
      @JsonProperty("decisions") List<Decision> decisions) {}

  public static AuditRecord of(String tool, Instant time, String principal, List<RemediationReport> reports) {
    return new AuditRecord(1, tool, time.toString(), principal, reports.stream().map(AuditRecord::run).toList());
  }

  static Run run(RemediationReport r) {
    Map<String, Long> summary = new LinkedHashMap<>();
    for (Decision.Outcome o : Decision.Outcome.values()) {
      summary.put(o.wireName(), r.count(o));
    }
    return new Run(r.scope().region(), r.scope().account(), r.applied() ? "apply" : "dry-run", r.maxRevocations(),
        r.limitReached(), r.error(), summary, r.decisions());
  }

  public void write(Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    JSON.writeValue(path.toFile(), this);
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One decision as a single JSON line (the Lambda's CloudWatch Logs form). */
  public static String line(AwsScope scope, String principal, Decision d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("event", "deployguard.decision");
    m.put("region", scope.region());
    m.put("account", scope.account());
    m.put("principal", principal);
    m.put("decision", d);
    try {
      return new ObjectMapper().writeValueAsString(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
