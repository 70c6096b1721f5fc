package io.deployguard.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.deployguard.policy.Finding;
import io.deployguard.policy.ScanError;
import io.deployguard.policy.ScanResult;
import io.deployguard.policy.Severity;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * GitLab Code Quality report ({@code artifacts:reports:codequality}): a JSON array of Code Climate
 * issues, one per active finding (waived and baselined ones are left out: GitLab has no way to
 * show them as accepted) and one {@code blocker} per scan error, so the merge request widget shows
 * why a job failed. Severities map CRITICAL to {@code blocker}, HIGH {@code critical}, MEDIUM
 * {@code major}, LOW {@code minor}, INFO {@code info}; {@code lines.begin} is 1 when the input has
 * no line.
 */
public final class GitLabCodeQualityReporter implements Reporter {
  private static final Format FORMAT = new Format("gitlab-codequality", "gl-code-quality-report.json",
      "GitLab artifacts:reports:codequality (the merge-request widget)");

  @Override
  public Format format() {
    return FORMAT;
  }


  @Override
  public void write(ScanResult result, Writer out) throws IOException {
    List<Issue> issues = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Finding f : result.active()) {
      Integer line = f.location().line();
      issues.add(new Issue("issue", f.ruleId(), f.ruleId() + " " + f.resource() + ": " + f.message(),
          List.of("Security"), new Content("**Fix:** " + f.fix()), unique(f.fingerprint(), seen),
          gitlabSeverity(f.severity()), new IssueLocation(InputPaths.slashes(f.location().input()),
              new Lines(line == null ? 1 : line))));
    }
    for (ScanError e : result.errors()) {
      issues.add(new Issue("issue", "deployguard-scan-error", "deployguard could not scan this input: " + e.oneLine(),
          List.of("Bug Risk"), null,
          unique(sha(e.input() + '\u0000' + e.place() + '\u0000' + e.message()), seen), "blocker",
          new IssueLocation(InputPaths.slashes(e.input()), new Lines(1))));
    }
    StructuredOutput.write(issues, out);
  }

  static String gitlabSeverity(Severity s) {
    return switch (s) {
      case CRITICAL -> "blocker";
      case HIGH -> "critical";
      case MEDIUM -> "major";
      case LOW -> "minor";
      case INFO -> "info";
    };
  }

  /**
   * GitLab drops all but one issue of a fingerprint; findings of one rule and resource with the same
   * key would collide, so a repeat is rehashed with its ordinal (stable: findings are sorted).
   */
  private static String unique(String fingerprint, Set<String> seen) {
    String candidate = fingerprint;
    for (int n = 2; !seen.add(candidate); n++) {
      candidate = sha(fingerprint + '#' + n);
    }
    return candidate;
  }

  /** 32 hex digits, like a finding's fingerprint, for things that are not findings. */
  private static String sha(String text) {
    return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Issue(
      String type,
      @JsonProperty("check_name") String checkName,
      String description,
      List<String> categories,
      Content content,
      String fingerprint,
      String severity,
      IssueLocation location) {}

  record Content(String body) {}

  record IssueLocation(String path, Lines lines) {}

  record Lines(int begin) {}
}
