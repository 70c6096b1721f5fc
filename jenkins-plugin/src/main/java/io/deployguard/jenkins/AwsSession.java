package io.deployguard.jenkins;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import hudson.util.Secret;
import java.io.Serializable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * AWS credentials resolved on the controller (where the credentials store and any role assumption
 * live) and carried to the agent as secrets; the agent turns them back into an SDK provider.
 */
public final class AwsSession implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String accessKeyId;
  private final Secret secretAccessKey;
  private final Secret sessionToken;

  private AwsSession(String accessKeyId, Secret secretAccessKey, Secret sessionToken) {
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
    this.sessionToken = sessionToken;
  }

  /** Resolves the credentials now (assuming the configured role, if any). */
  public static AwsSession resolve(AmazonWebServicesCredentials credentials) {
    AwsCredentials resolved = credentials.resolveCredentials();
    Secret token = resolved instanceof AwsSessionCredentials session
        ? Secret.fromString(session.sessionToken()) : null;
    return new AwsSession(resolved.accessKeyId(), Secret.fromString(resolved.secretAccessKey()), token);
  }

  /** The SDK provider the core uses on the agent. */
  public AwsCredentialsProvider provider() {
    AwsCredentials credentials = sessionToken == null
        ? AwsBasicCredentials.create(accessKeyId, secretAccessKey.getPlainText())
        : AwsSessionCredentials.create(accessKeyId, secretAccessKey.getPlainText(), sessionToken.getPlainText());
    return StaticCredentialsProvider.create(credentials);
  }

  @Override
  public String toString() {
    return "AwsSession[" + accessKeyId + "]";
  }
}
