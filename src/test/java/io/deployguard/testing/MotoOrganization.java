package io.deployguard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deployguard.aws.AwsClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.CreateAccountStatus;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * An AWS organisation on a moto server: the management account (moto's default account) with an
 * IAM user that runs deployguard, member accounts created through Organizations, and in each
 * reachable member the role deployguard assumes, with the policies of {@code
 * examples/lambda/organization/}. Set up while moto's IAM authentication is off; a test then
 * switches it on so that moto enforces those policies.
 *
 * <p>Moto does not check the trust policy of a role in another account, nor that the role exists:
 * any AssumeRole into another account succeeds. An unreachable member is therefore made by an
 * explicit Deny of {@code sts:AssumeRole} on its role in the runner's policy: with authentication
 * on, AssumeRole then answers AccessDenied, as AWS does when the role is missing or does not trust
 * the caller.
 */
public final class MotoOrganization {
  public static final String MANAGEMENT = MotoServer.ACCOUNT;
  public static final String ROLE = "deployguard-member";
  static final Path POLICIES = Path.of("examples/lambda/organization");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One member account. */
  public record Member(String id, String name, boolean reachable) {}

  private final MotoServer moto;
  private final List<Member> members;
  private final AwsCredentialsProvider runner;

  private MotoOrganization(MotoServer moto, List<Member> members, AwsCredentialsProvider runner) {
    this.moto = moto;
    this.members = List.copyOf(members);
    this.runner = runner;
  }

  /**
   * Creates the organisation, its members {@code names} (those in {@code unreachable} without a
   * way in), the runner user with {@code runnerPolicy} of {@link #POLICIES}, and the member role
   * with {@code member-role-policy.json} in every reachable member.
   */
  public static MotoOrganization create(MotoServer moto, List<String> names, Set<String> unreachable,
      String runnerPolicy) {
    AwsClients base = moto.clients();
    List<Member> members = new ArrayList<>();
    try (OrganizationsClient org = base.organizations(MotoServer.REGION); IamClient iam = iam(moto, null)) {
      org.createOrganization(r -> r.featureSet("ALL"));
      for (String n : names) {
        CreateAccountStatus s = org.createAccount(r -> r.accountName(n).email(n + "@example.com"))
            .createAccountStatus();
        members.add(new Member(s.accountId(), n, !unreachable.contains(n)));
      }
      ObjectNode policy = (ObjectNode) read(runnerPolicy);
      ArrayNode statements = (ArrayNode) policy.get("Statement");
      for (Member m : members) {
        if (!m.reachable()) {
          ObjectNode deny = statements.addObject();
          deny.put("Effect", "Deny");
          deny.put("Action", "sts:AssumeRole");
          deny.put("Resource", "arn:aws:iam::" + m.id() + ":role/" + ROLE);
        }
      }
      iam.createUser(r -> r.userName("deployguard"));
      iam.putUserPolicy(r -> r.userName("deployguard").policyName("deployguard").policyDocument(policy.toString()));
      AccessKey key = iam.createAccessKey(r -> r.userName("deployguard")).accessKey();
      for (Member m : members) {
        if (m.reachable()) {
          try (IamClient member = iam(moto, setup(moto, m.id()))) {
            member.createRole(r -> r.roleName(ROLE).assumeRolePolicyDocument(trust()));
            member.putRolePolicy(r -> r.roleName(ROLE).policyName("deployguard")
                .policyDocument(read("member-role-policy.json").toString()));
          }
        }
      }
      return new MotoOrganization(moto, members,
          StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())));
    }
  }

  public List<Member> members() {
    return members;
  }

  public Member member(String name) {
    return members.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }

  /** The keys of the IAM user that runs deployguard in the management account. */
  public AwsCredentialsProvider runner() {
    return runner;
  }

  /** Clients in {@code account} for setting up and checking (while authentication is off). */
  public AwsClients in(String account) {
    return moto.clients().withCredentials(setup(moto, account));
  }

  /**
   * The scenario's policies as moto can apply them: moto checks EC2 and SNS actions against
   * resource {@code *}, so their resource scoping is widened here; the actions are checked as written.
   */
  static JsonNode read(String file) {
    try {
      JsonNode n = JSON.readTree(POLICIES.resolve(file).toFile());
      for (JsonNode st : n.get("Statement")) {
        String resource = st.get("Resource").asText();
        if (resource.startsWith("arn:aws:ec2:") || resource.startsWith("arn:aws:sns:")) {
          ((ObjectNode) st).put("Resource", "*");
        }
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String trust() {
    Map<String, Object> st = new LinkedHashMap<>();
    st.put("Effect", "Allow");
    st.put("Principal", Map.of("AWS", "arn:aws:iam::" + MANAGEMENT + ":root"));
    st.put("Action", "sts:AssumeRole");
    return JSON.valueToTree(Map.of("Version", "2012-10-17", "Statement", List.of(st))).toString();
  }

  /** Credentials in {@code account} through moto's OrganizationAccountAccessRole (setup only). */
  private static AwsCredentialsProvider setup(MotoServer moto, String account) {
    if (account.equals(MANAGEMENT)) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    }
    try (StsClient sts = moto.clients().sts(MotoServer.REGION)) {
      Credentials c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + account + ":role/OrganizationAccountAccessRole")
          .roleSessionName("setup")).credentials();
      return StaticCredentialsProvider.create(
          AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
    }
  }

  private static IamClient iam(MotoServer moto, AwsCredentialsProvider creds) {
    var b = IamClient.builder().region(Region.AWS_GLOBAL).endpointOverride(moto.endpoint())
        .httpClient(UrlConnectionHttpClient.create());
    if (creds != null) {
      b.credentialsProvider(creds);
    }
    return b.build();
  }
}
