package io.deployguard.jenkins;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a scan on the agent sends back to the controller: only plain values, so it crosses the
 * remoting channel without the core's types (JEP-200 admits classes defined by this plugin).
 *
 * @param exitCode the command-line exit code (0 pass, 1 findings, 2 configuration, 3 input error)
 * @param buildResult {@code SUCCESS}, {@code UNSTABLE} or {@code FAILURE}
 * @param summary the text report, already written to the build log
 * @param reports format name to workspace-relative path of each report written
 */
public record ScanOutcome(int exitCode, String buildResult, String summary, Map<String, String> reports)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public ScanOutcome {
    if (!buildResult.equals("SUCCESS") && !buildResult.equals("UNSTABLE") && !buildResult.equals("FAILURE")) {
      throw new IllegalArgumentException("buildResult must be SUCCESS, UNSTABLE or FAILURE, not " + buildResult);
    }
    summary = summary == null ? "" : summary;
    reports = Map.copyOf(new TreeMap<>(reports));
  }
}
