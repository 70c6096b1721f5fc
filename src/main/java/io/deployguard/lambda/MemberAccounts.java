package io.deployguard.lambda;

import io.deployguard.aws.AwsClients;
import io.deployguard.aws.AwsScope;
import io.deployguard.aws.org.Account;
import io.deployguard.aws.org.AssumedRole;
import io.deployguard.policy.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * EC2 clients in the account an event names, for a Lambda in a central security account that
 * receives the events member accounts forward to its EventBridge bus: the role {@code
 * DEPLOYGUARD_MEMBER_ROLE} (a role name used in every member account) is
 * assumed there through STS with session name {@code deployguard-lambda}, and the SDK's provider
 * renews the credentials before they expire. One client per account and region for the life of
 * the execution environment. Without {@code DEPLOYGUARD_MEMBER_ROLE} the Lambda acts in its own
 * account, as before.
 */
public final class MemberAccounts {
  private MemberAccounts() {}

  /** The IAM policy of a Lambda that acts in its own account. */
  static final String OWN_POLICY = "examples/iam/lambda.json";

  /** The IAM policy of a central account's Lambda (the member role's is beside it). */
  static final String CENTRAL_POLICY = "examples/lambda/organization/central-lambda-policy.json";

  /** The IAM policy the Lambda's role needs for {@code env}, named when AWS refuses a call. */
  static String iamPolicy(Map<String, String> env) {
    String role = env.get("DEPLOYGUARD_MEMBER_ROLE");
    return role == null || role.isBlank() ? OWN_POLICY : CENTRAL_POLICY;
  }

  /**
   * The clients for {@code env}: across accounts when {@code DEPLOYGUARD_MEMBER_ROLE} is set
   * (with {@code DEPLOYGUARD_EXTERNAL_ID} when the role asks for one), else {@code own} by region.
   */
  static Function<AwsScope, Ec2Client> fromEnvironment(Map<String, String> env, AwsClients clients,
      Function<String, Ec2Client> own) {
    String role = env.get("DEPLOYGUARD_MEMBER_ROLE");
    if (role == null || role.isBlank()) {
      return scope -> own.apply(scope.region());
    }
    return assuming(clients, roleName(role.trim()), env.get("DEPLOYGUARD_EXTERNAL_ID"));
  }

  /** {@code role} when it is a role name; checked at start-up, not at the first event of each account. */
  private static String roleName(String role) {
    String problem = Account.roleNameProblem(role);
    if (problem != null) {
      throw new ConfigException("DEPLOYGUARD_MEMBER_ROLE: " + problem
          + "; give the role name every member account has, e.g. DEPLOYGUARD_MEMBER_ROLE=deployguard-member");
    }
    return role;
  }

  /** EC2 clients in the event's account through {@code role}, signed with {@code clients}' own credentials for STS. */
  public static Function<AwsScope, Ec2Client> assuming(AwsClients clients, String role, String externalId) {
    Map<String, StsClient> sts = new ConcurrentHashMap<>();
    Map<AwsScope, Ec2Client> cache = new ConcurrentHashMap<>();
    return scope -> cache.computeIfAbsent(scope, s -> {
      Account account = new Account(s.account(), null, role, externalId, List.of());
      var creds = AssumedRole.provider(sts.computeIfAbsent(s.region(), clients::sts), account.roleArn(s.region()),
          account.externalId(), "lambda");
      return clients.withCredentials(creds).ec2(s.region());
    });
  }
}
