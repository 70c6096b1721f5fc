package io.deployguard.jenkins;

import hudson.AbortException;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/**
 * Turns a scan outcome into the build's state: SUCCESS leaves it alone, UNSTABLE marks the build
 * and the step's node (so stage views colour the right stage), FAILURE stops the step with the
 * reason. The reports are already in the workspace either way, so a {@code post { always { junit ...
 * } }} block still publishes them.
 */
final class Verdict {
  private Verdict() {}

  /** Applies the outcome; returns what the Pipeline step returns (exit code, result, report paths). */
  static Map<String, Object> apply(String step, ScanOutcome outcome, Run<?, ?> run, FlowNode node,
      TaskListener listener) throws AbortException {
    String reports = outcome.reports().isEmpty() ? "" : " Reports: " + String.join(", ", outcome.reports().values()) + ".";
    switch (outcome.buildResult()) {
      case "UNSTABLE" -> {
        String message = step + ": findings mark the build UNSTABLE (softFail or unstableAt)." + reports;
        listener.getLogger().println(message);
        if (node != null) {
          node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(message));
        }
        run.setResult(Result.UNSTABLE);
      }
      case "FAILURE" -> throw new AbortException(step + ": " + reason(outcome.exitCode()) + " (exit code "
          + outcome.exitCode() + ")." + reports);
      default -> listener.getLogger().println(step + ": passed." + reports);
    }
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("exitCode", outcome.exitCode());
    value.put("result", outcome.buildResult());
    value.put("reports", new LinkedHashMap<>(outcome.reports()));
    return value;
  }

  private static String reason(int exitCode) {
    return switch (exitCode) {
      case 1 -> "findings at or above the fail threshold";
      case 2 -> "usage or configuration error, see the message above";
      case 3 -> "an input could not be read or scanned, see the message above";
      default -> "the scan failed";
    };
  }
}
