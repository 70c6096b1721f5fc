package io.deployguard.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit record of one remediation run: per target (an account in a region) every decision on
 * every rule, every mutating call and read-back with what it answered, or why the target could
 * not be read. Its shape is documented in {@code docs/aws.md} and stable ({@code version} changes
 * when it is not). {@link AuditLog} rewrites it after every call.
 *
 * @param version always 2
 * @param tool {@code deployguard VERSION}
 * @param started when the run started (UTC)
 * @param time when this record was written (UTC)
 * @param complete {@code false} while the run is still going, or when it stopped half-way
 * @param principal who made the change that triggered the run (the Lambda), or {@code null}
 * @param runs one entry per target
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditRecord(
    @JsonProperty("version") int version,
    @JsonProperty("tool") String tool,
    @JsonProperty("started") String started,
    @JsonProperty("time") String time,
    @JsonProperty("complete") boolean complete,
    @JsonProperty("principal") String principal,
    @JsonProperty("runs") List<Run> runs) {

  static final int VERSION = 2;

  /** For {@link #line}: one JSON object on one line. */
  private static final ObjectMapper LINE = new ObjectMapper();
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** One target's part of the record. */
  public record Run(
      @JsonProperty("region") String region,
      @JsonProperty("account") String account,
      @JsonProperty("mode") String mode,
      @JsonProperty("max_revocations") int maxRevocations,
      @JsonProperty("limit_reached") boolean limitReached,
      @JsonProperty("worst_left_open") String worstLeftOpen,
      @JsonProperty("error") String error,
      @JsonProperty("summary") Map<String, Long> summary,
      @JsonProperty("decisions") List<Decision> decisions,
      @JsonProperty("calls") List<RemediationReport.Call> calls) {}

  static Run run(RemediationReport r) {
    Map<String, Long> summary = new LinkedHashMap<>();
    for (Decision.Outcome o : Decision.Outcome.values()) {
      summary.put(o.wireName(), r.count(o));
    }
    return new Run(r.scope().region(), r.scope().account(), r.applied() ? "apply" : "dry-run", r.maxRevocations(),
        r.limitReached(), r.worstLeftOpen() == null ? null : r.worstLeftOpen().ruleId(), r.error(), summary,
        r.decisions(), r.calls());
  }

  /** A target that could not be read: its region, its account when known, and the error. */
  static Run failed(String region, String account, boolean apply, int maxRevocations, String error) {
    return new Run(region, account, apply ? "apply" : "dry-run", maxRevocations, false, null, error, Map.of(),
        List.of(), List.of());
  }

  /** Writes the record to a temporary file beside {@code path} and renames it over {@code path}. */
  public void write(Path path) throws IOException {
    writeJson(path, this);
  }

  /** Writes {@code value} as indented JSON to a temporary file beside {@code path}, renamed over it. */
  public static void writeJson(Path path, Object value) throws IOException {
    Path target = path.toAbsolutePath();
    Path parent = target.getParent();
    if (parent != null) {
      try {
        Files.createDirectories(parent);
      } catch (FileAlreadyExistsException e) {
        throw new IOException(e.getFile() + " is a file, not a folder");
      }
    }
    if (Files.isDirectory(target)) {
      throw new IOException(target + " is a folder; give a file name such as " + target.resolve("audit.json"));
    }
    Path tmp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp");
    try {
      JSON.writeValue(tmp.toFile(), value);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
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
      return LINE.writeValueAsString(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
