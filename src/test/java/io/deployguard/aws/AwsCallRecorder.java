package io.deployguard.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every AWS SDK operation any client in the test JVM starts, as an IAM action
 * ({@code ec2:RevokeSecurityGroupIngress}). Registered for all clients through the SDK's global
 * interceptor file in the test resources, so code under test needs no hook; the IAM and cost
 * tests read what a command really called.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {

  private static final List<String> CALLS = new ArrayList<>();
  /** Attempts (HTTP requests sent) of each call that ended, in the order they ended. */
  private static final List<Integer> ATTEMPTS = new ArrayList<>();
  private static final ExecutionAttribute<java.util.concurrent.atomic.AtomicInteger> SENT =
      new ExecutionAttribute<>("deployguard.test.attempts");

  /** Forgets what was recorded so far. */
  public static synchronized void clear() {
    CALLS.clear();
    ATTEMPTS.clear();
  }

  /** How many HTTP attempts each call that ended since {@link #clear()} made (the SDK's retries included). */
  public static synchronized List<Integer> attempts() {
    return List.copyOf(ATTEMPTS);
  }

  /** Every call since {@link #clear()}, in order, as IAM actions. */
  public static synchronized List<String> calls() {
    return List.copyOf(CALLS);
  }

  /** The distinct IAM actions called since {@link #clear()}. */
  public static synchronized Set<String> actions() {
    return new TreeSet<>(CALLS);
  }

  public static synchronized long count(String action) {
    return CALLS.stream().filter(action::equals).count();
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    synchronized (AwsCallRecorder.class) {
      CALLS.add(iamPrefix(service) + ":" + operation);
    }
    attributes.putAttribute(SENT, new java.util.concurrent.atomic.AtomicInteger());
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    var n = attributes.getAttribute(SENT);
    if (n != null) {
      n.incrementAndGet();
    }
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    ended(attributes);
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    ended(attributes);
  }

  private static void ended(ExecutionAttributes attributes) {
    var n = attributes.getAttribute(SENT);
    if (n != null) {
      synchronized (AwsCallRecorder.class) {
        ATTEMPTS.add(n.get());
      }
    }
  }

  static String iamPrefix(String sdkServiceName) {
    return switch (sdkServiceName) {
      case "EC2" -> "ec2";
      case "SNS" -> "sns";
      case "STS" -> "sts";
      case "CloudWatch" -> "cloudwatch";
      default -> sdkServiceName.toLowerCase(Locale.ROOT);
    };
  }
}
