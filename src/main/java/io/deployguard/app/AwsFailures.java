package io.deployguard.app;

import io.deployguard.aws.AwsErrors;
import io.deployguard.policy.InputException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns AWS failures into input errors that name the scope, the call and what to do. */
public final class AwsFailures {
  private AwsFailures() {}

  /** {@code us-east-1} of {@code arn:aws:sns:us-east-1:123456789012:name}, or {@code null}. */
  public static String topicRegion(String arn) {
    String[] p = arn.split(":", 6);
    return p.length == 6 && p[0].equals("arn") && p[2].equals("sns") && !p[3].isEmpty() ? p[3] : null;
  }

  /** An AWS failure of a remediation run; refusals name examples/iam/remediate.json. */
  static InputException of(String input, SdkException e) {
    return of(input, e, "examples/iam/remediate.json");
  }

  /**
   * An AWS failure as an input error of {@code input}; refusals name {@code policy}, the IAM
   * policy whose actions the command needs (see {@link AwsErrors}).
   */
  public static InputException of(String input, SdkException e, String policy) {
    AwsErrors.Explained x = AwsErrors.explain(e, policy);
    String op = e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException ase
        && ase.awsErrorDetails() != null && ase.awsErrorDetails().serviceName() != null
        ? ase.awsErrorDetails().serviceName() : "";
    return new InputException(input, op, x.problem(), x.hint(), e);
  }
}
