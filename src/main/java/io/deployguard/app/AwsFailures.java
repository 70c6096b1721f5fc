package io.deployguard.app;

import io.deployguard.policy.InputException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns AWS failures into input errors that name the scope, the call and what to do. */
final class AwsFailures {
  private AwsFailures() {}

  /** {@code us-east-1} of {@code arn:aws:sns:us-east-1:123456789012:name}, or {@code null}. */
  static String topicRegion(String arn) {
    String[] p = arn.split(":", 6);
    return p.length == 6 && p[0].equals("arn") && p[2].equals("sns") && !p[3].isEmpty() ? p[3] : null;
  }

  /** An AWS failure of a remediation run; refusals name examples/iam/remediate.json. */
  static InputException of(String input, SdkException e) {
    return of(input, e, "examples/iam/remediate.json");
  }

  /**
   * An AWS failure as an input error of {@code input}; refusals name {@code policy}, the IAM
   * policy whose actions the command needs.
   */
  static InputException of(String input, SdkException e, String policy) {
    if (e instanceof AwsServiceException ase) {
      String code = ase.awsErrorDetails() == null ? "" : ase.awsErrorDetails().errorCode();
      String msg = ase.awsErrorDetails() == null ? ase.getMessage() : ase.awsErrorDetails().errorMessage();
      String op = ase.awsErrorDetails() == null ? "" : ase.awsErrorDetails().serviceName();
      boolean denied = ase.statusCode() == 403 || "UnauthorizedOperation".equals(code)
          || String.valueOf(code).contains("AccessDenied") || String.valueOf(code).contains("Authorization");
      return new InputException(input, op, code + ": " + msg + " (HTTP " + ase.statusCode() + ")",
          denied ? "grant the actions of " + policy + " to these credentials"
              : "check the credentials, the region and --endpoint-url, then run again", e);
    }
    return new InputException(input, "", String.valueOf(e.getMessage()),
        "check the credentials (--profile, AWS_PROFILE), the region and --endpoint-url, then run again", e);
  }
}
