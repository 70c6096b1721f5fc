package io.deployguard.aws;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds SDK v2 clients the same way for every command: the small URL-connection HTTP client with
 * connect and read timeouts, the SDK's standard retry strategy (exponential backoff with full
 * jitter on throttling, 5xx and dropped connections, {@code maxAttempts} attempts per call, and
 * the SDK's retry token bucket as the budget across calls), a timeout per attempt and per call
 * (all attempts together), so that no call outlives {@link #CALL_TIMEOUT}; credentials from {@code credentials} when
 * given, else from {@code profile} or the default chain, and the endpoint from {@code endpoint} when given. Without an explicit endpoint
 * the SDK itself honours {@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_<SERVICE>} and the
 * profile's {@code endpoint_url}.
 *
 * @param profile named profile, or {@code null} for the default chain
 * @param endpoint endpoint override for every service, or {@code null}
 * @param maxAttempts attempts per call including the first (SDK standard retry mode)
 * @param interceptors extra interceptors (tests record calls with them)
 * @param credentials credentials resolved elsewhere (a CI server's credentials store), or {@code
 *     null} for {@code profile} or the default chain
 */
public record AwsClients(String profile, URI endpoint, int maxAttempts, List<ExecutionInterceptor> interceptors,
    AwsCredentialsProvider credentials) {

  public AwsClients {
    interceptors = List.copyOf(interceptors);
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** Clients with credentials from {@code profile} or the default chain. */
  public AwsClients(String profile, URI endpoint, int maxAttempts, List<ExecutionInterceptor> interceptors) {
    this(profile, endpoint, maxAttempts, interceptors, null);
  }

  /** Attempts per call, the first included (the SDK's standard mode default). */
  public static final int MAX_ATTEMPTS = 3;
  /** One attempt (connect, send, answer) may take this long; EC2 answers a page of 1,000 rules in about a second. */
  public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
  /** One call, every attempt and backoff included, may take this long: an endpoint that never answers costs this much. */
  public static final Duration CALL_TIMEOUT = Duration.ofSeconds(25);

  public static AwsClients of(String profile, URI endpoint) {
    return new AwsClients(profile, endpoint, MAX_ATTEMPTS, List.of());
  }

  /** Clients that sign with {@code credentials} when not {@code null}, else as {@link #of(String, URI)}. */
  public static AwsClients of(String profile, URI endpoint, AwsCredentialsProvider credentials) {
    return new AwsClients(profile, endpoint, MAX_ATTEMPTS, List.of(), credentials);
  }

  /**
   * The region as the AWS CLI finds it: {@code AWS_REGION}, then {@code AWS_DEFAULT_REGION}, then
   * the {@code aws.region} system property, the profile's {@code region} and the instance's.
   *
   * @throws io.deployguard.policy.ConfigException naming every source when none gives one
   */
  public String defaultRegion() {
    return defaultRegion(System.getenv());
  }

  String defaultRegion(java.util.Map<String, String> env) {
    for (String name : List.of("AWS_REGION", "AWS_DEFAULT_REGION")) {
      String v = env.get(name);
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    try {
      DefaultAwsRegionProviderChain.Builder b = DefaultAwsRegionProviderChain.builder();
      if (profile != null) {
        b.profileName(profile).profileFile(ProfileFile::defaultProfileFile);
      }
      return b.build().getRegion().id();
    } catch (RuntimeException e) {
      throw new io.deployguard.policy.ConfigException("no AWS region given: use --region, AWS_REGION,"
          + " AWS_DEFAULT_REGION, remediate.regions or a profile with a region ('aws configure set region ...')");
    }
  }

  public Ec2Client ec2(String region) {
    return configure(Ec2Client.builder(), region).httpClient(http()).build();
  }

  public SnsClient sns(String region) {
    return configure(SnsClient.builder(), region).httpClient(http()).build();
  }

  public StsClient sts(String region) {
    return configure(StsClient.builder(), region).httpClient(http()).build();
  }

  /** Organizations is global: its endpoint is in us-east-1 (aws partition) whatever the run's region. */
  public software.amazon.awssdk.services.organizations.OrganizationsClient organizations(String region) {
    return configure(software.amazon.awssdk.services.organizations.OrganizationsClient.builder(), region)
        .httpClient(http()).build();
  }

  /** These clients, signing with {@code other} (an assumed role in a member account). */
  public AwsClients withCredentials(AwsCredentialsProvider other) {
    return new AwsClients(null, endpoint, maxAttempts, interceptors, other);
  }

  public CloudWatchClient cloudWatch(String region) {
    return configure(CloudWatchClient.builder(), region).httpClient(http()).build();
  }

  private static SdkHttpClient http() {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(10))
        .socketTimeout(ATTEMPT_TIMEOUT)
        .build();
  }

  private <B extends AwsClientBuilder<B, ?>> B configure(B b, String region) {
    b.region(Region.of(region)).credentialsProvider(credentialsProvider());
    if (endpoint != null) {
      b.endpointOverride(endpoint);
    }
    ClientOverrideConfiguration.Builder o = ClientOverrideConfiguration.builder()
        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts).build())
        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
        .apiCallTimeout(CALL_TIMEOUT);
    interceptors.forEach(o::addExecutionInterceptor);
    b.overrideConfiguration(o.build());
    return b;
  }

  private AwsCredentialsProvider credentialsProvider() {
    if (credentials != null) {
      return credentials;
    }
    return profile == null ? DefaultCredentialsProvider.builder().build()
        : ProfileCredentialsProvider.builder().profileName(profile).build();
  }
}
