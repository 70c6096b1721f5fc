package io.deployguard.aws;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit record as the run goes: every change of a target's state (read, failed to read, each
 * revoke call) rewrites the whole record atomically, so the file on disk always holds what was
 * done so far, also when the run stops half-way or is killed. A record that cannot be written is
 * remembered ({@link #writeError()}) and fails the run; it never stops the remediation itself.
 */
public final class AuditLog {
  private final Path path;
  private final String tool;
  private final String principal;
  private final boolean apply;
  private final int maxRevocations;
  private final Clock clock;
  private final Instant started;
  private final Map<String, AuditRecord.Run> runs = new LinkedHashMap<>();
  private boolean complete;
  private String writeError;

  /**
   * @param path where the record goes, or {@code null} to keep nothing
   * @param tool {@code deployguard VERSION}
   * @param apply whether the run may change anything
   * @param maxRevocations the limit per target
   */
  public AuditLog(Path path, String tool, String principal, boolean apply, int maxRevocations, Clock clock) {
    this.path = path;
    this.tool = tool;
    this.principal = principal;
    this.apply = apply;
    this.maxRevocations = maxRevocations;
    this.clock = clock;
    this.started = clock.instant();
    // Written at once, so that even a run killed before its first call leaves a record saying so.
    flush();
  }

  /** The report of a target so far, replacing what was recorded for it. */
  public synchronized void update(RemediationReport r) {
    runs.put(r.scope().input(), AuditRecord.run(r));
    flush();
  }

  /** A target that could not be read. */
  public synchronized void failed(String region, String account, String error) {
    String key = account == null ? "aws://" + region : new AwsScope(region, account).input();
    runs.put(key, AuditRecord.failed(region, account, apply, maxRevocations, error));
    flush();
  }

  /** The run is over: the last rewrite says so. */
  public synchronized void finish() {
    complete = true;
    flush();
  }

  /** Why the record could not be written (the last time it failed), or {@code null}. */
  public synchronized String writeError() {
    return writeError;
  }

  public synchronized AuditRecord record() {
    return new AuditRecord(AuditRecord.VERSION, tool, started.toString(), clock.instant().toString(), complete,
        principal, List.copyOf(new ArrayList<>(runs.values())));
  }

  private void flush() {
    if (path == null) {
      return;
    }
    try {
      record().write(path);
    } catch (IOException | RuntimeException e) {
      writeError = "cannot write the audit record " + path + ": " + e.getMessage();
    }
  }
}
