package io.deployguard.aws;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Tells an SNS topic about a run: one message per run with violating rules to act on (revoked,
 * to revoke, left open by the limit, failed or already gone; a run without any stays silent),
 * with a short subject and a JSON body listing each such rule, its ARN, its group, the
 * violations and what was done. Exempt rules never cause a message; when one is sent they are
 * named once, in a short {@code exempt} list of their own. Waived rules are not named. Only a
 * run with {@code --apply} publishes; a dry run shows {@link #preview} instead. The body holds no
 * credentials: the principal is an ARN, never an access key.
 */
public final class SnsNotifier {

  /** SNS limits subjects to 100 printable ASCII characters. */
  static final int MAX_SUBJECT = 100;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The message body. */
  public record Message(
      @JsonProperty("summary") String summary,
      @JsonProperty("principal") String principal,
      @JsonProperty("runs") List<Run> runs) {}

  /** The violating rules of one scope that remediation acted on or would have. */
  public record Run(
      @JsonProperty("region") String region,
      @JsonProperty("account") String account,
      @JsonProperty("mode") String mode,
      @JsonProperty("summary") String summary,
      @JsonProperty("violations") List<Decision> violations,
      @JsonProperty("exempt") List<Exempt> exempt) {}

  /** An exempt rule, named once: its id, group and why it may stay. */
  public record Exempt(
      @JsonProperty("rule_id") String ruleId,
      @JsonProperty("group_id") String groupId,
      @JsonProperty("reason") String reason) {}

  private final SnsClient sns;
  private final String topicArn;

  public SnsNotifier(SnsClient sns, String topicArn) {
    this.sns = sns;
    this.topicArn = topicArn;
  }

  /**
   * Publishes one message when any report has violations.
   *
   * @return the SNS message id, or {@code null} when there was nothing to say
   */
  public String publish(List<RemediationReport> reports, String principal) {
    long actionable = reports.stream().mapToLong(r -> r.actionable().size()).sum();
    if (actionable == 0) {
      return null;
    }
    return sns.publish(p -> p.topicArn(topicArn).subject(subject(reports)).message(body(reports, principal)))
        .messageId();
  }

  /**
   * What {@link #publish} would send, for a dry run: {@code would publish to TOPIC: SUBJECT}, or
   * that there is nothing to say.
   */
  public static String preview(List<RemediationReport> reports, String topicArn) {
    long actionable = reports.stream().mapToLong(r -> r.actionable().size()).sum();
    if (actionable == 0) {
      return "nothing to notify " + topicArn;
    }
    return "dry run, nothing published: with --apply one message would go to " + topicArn + " with the subject \""
        + subject(reports) + "\" and the " + actionable + " rule" + (actionable == 1 ? "" : "s") + " listed above";
  }

  static String subject(List<RemediationReport> reports) {
    long violating = reports.stream().mapToLong(r -> r.actionable().size()).sum();
    long revoked = reports.stream().mapToLong(r -> r.count(Decision.Outcome.REVOKED)).sum();
    List<String> regions = reports.stream().map(r -> r.scope().region()).distinct().toList();
    String s = "deployguard: " + violating + " violating security-group rule" + (violating == 1 ? "" : "s")
        + ", " + revoked + " revoked (" + String.join(", ", regions) + ")";
    return s.length() <= MAX_SUBJECT ? s : s.substring(0, MAX_SUBJECT - 3) + "...";
  }

  static String body(List<RemediationReport> reports, String principal) {
    List<Run> runs = new ArrayList<>();
    for (RemediationReport r : reports) {
      runs.add(new Run(r.scope().region(), r.scope().account(), r.applied() ? "apply" : "dry-run", r.summary(),
          r.actionable(), r.exempt().stream().map(d -> new Exempt(d.ruleId(), d.groupId(), d.reason())).toList()));
    }
    Message m = new Message(subject(reports), principal, runs);
    try {
      return JSON.writeValueAsString(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
