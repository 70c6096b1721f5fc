package io.deployguard.aws;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Short, true explanations of AWS failures: one line saying what went wrong and one saying what to
 * do, never the SDK's whole provider chain or a {@code null: null}. Missing credentials name the
 * sources tried; refused credentials ask for new ones (not for IAM grants); refused actions name
 * the IAM policy to grant; a CloudWatch endpoint that answers 404 is told it does not speak the
 * current protocol.
 */
public final class AwsErrors {
  private AwsErrors() {}

  /** What went wrong and what to do about it. */
  public record Explained(String problem, String hint) {}

  /** Codes that mean the credentials themselves were not accepted (wrong, expired, unknown). */
  static final Set<String> BAD_CREDENTIALS = Set.of("AuthFailure", "InvalidClientTokenId", "SignatureDoesNotMatch",
      "ExpiredToken", "ExpiredTokenException", "UnrecognizedClientException", "InvalidAccessKeyId",
      "InvalidToken", "RequestExpired");

  static final String CREDENTIAL_SOURCES = "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, the aws.accessKeyId"
      + " system property, AWS_WEB_IDENTITY_TOKEN_FILE, the profile in ~/.aws/credentials and ~/.aws/config"
      + " (AWS_PROFILE or --profile, else default, SSO included), the container role and the instance role";

  static final String CREDENTIAL_FIX = "run 'aws configure' (or 'aws sso login'), set AWS_PROFILE or give --profile,"
      + " or run where an instance or task role is attached";

  /**
   * @param e the failure
   * @param policy the IAM policy file whose actions the command needs, for refusals
   */
  public static Explained explain(SdkException e, String policy) {
    return explain(e, policy, null);
  }

  /** As {@link #explain(SdkException, String)}, naming {@code action} (or all of the policy's when {@code null}). */
  public static Explained explain(SdkException e, String policy, String action) {
    if (e instanceof AwsServiceException ase) {
      String code = code(ase);
      String service = ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().serviceName();
      String what = describe(ase);
      if (BAD_CREDENTIALS.contains(code) || ase.statusCode() == 401) {
        return new Explained("the credentials were not accepted: " + what,
            "they are wrong or expired: renew them ('aws sso login', new access keys) or choose others with"
                + " --profile or AWS_PROFILE");
      }
      if ("UnauthorizedOperation".equals(code) || code.contains("AccessDenied") || code.contains("Authorization")
          || ase.statusCode() == 403) {
        return new Explained(what, action == null ? "grant the actions of " + policy + " to these credentials"
            : "grant " + action + " (see " + policy + ") to these credentials");
      }
      if (ase.statusCode() == 404 && "CloudWatch".equalsIgnoreCase(String.valueOf(service))) {
        return new Explained(what + ": the endpoint does not speak the current CloudWatch protocol"
            + " (Smithy RPC v2 CBOR, used by the AWS SDK for Java since 2.40.6)",
            "point --endpoint-url or AWS_ENDPOINT_URL_CLOUDWATCH at an endpoint that does, or at AWS itself");
      }
      return new Explained(what, "check the region and --endpoint-url, then run again");
    }
    String msg = String.valueOf(e.getMessage());
    if (msg.contains("Unable to load credentials") || msg.contains("no credentials for profile")
        || msg.contains("Profile file contained no credentials")) {
      return new Explained("no AWS credentials found; tried " + CREDENTIAL_SOURCES, CREDENTIAL_FIX);
    }
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return new Explained("AWS did not answer in time: " + firstSentence(msg),
          "check the network, the region and --endpoint-url; raise --timeout for very large accounts");
    }
    return new Explained(firstSentence(msg), "check the network, the region and --endpoint-url, then run again");
  }

  /** The SDK's message without its long tail (the provider chain, the retry notes). */
  static String firstSentence(String msg) {
    String m = msg.replace('\n', ' ');
    int cut = m.indexOf(" (SDK Attempt Count");
    if (cut > 0) {
      m = m.substring(0, cut);
    }
    return m.length() > 300 ? m.substring(0, 297) + "..." : m;
  }

  /** A name for an HTTP status when the answer carried no error code. */
  static String statusText(int status) {
    return switch (status) {
      case 400 -> "BadRequest";
      case 401 -> "AuthFailure";
      case 403 -> "AccessDenied";
      case 404 -> "NotFound";
      case 429 -> "TooManyRequests";
      case 500 -> "InternalError";
      case 503 -> "ServiceUnavailable";
      default -> "error";
    };
  }

  /** The answer's error code, or empty when it carried none. */
  static String code(AwsServiceException e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
  }

  /** {@code CODE: message (HTTP n)}; an answer without a readable code is named by its status. */
  static String describe(AwsServiceException e) {
    String code = code(e);
    String msg = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
    if (code.isEmpty() && msg == null) {
      return statusText(e.statusCode()) + " (HTTP " + e.statusCode() + ")";
    }
    return (code.isEmpty() ? statusText(e.statusCode()) : code) + (msg == null ? "" : ": " + msg)
        + " (HTTP " + e.statusCode() + ")";
  }
}
