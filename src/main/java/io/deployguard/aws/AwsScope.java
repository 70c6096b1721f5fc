package io.deployguard.aws;

import io.deployguard.policy.Location;
import java.util.Objects;

/**
 * One account in one region: what a live scan reads, the {@code input} its findings name and the
 * partition its ARNs use.
 *
 * @param region the region, e.g. {@code eu-west-1}
 * @param account the 12-digit account id
 */
public record AwsScope(String region, String account) {

  /** {@code eu-west-1}, {@code us-gov-west-1}, {@code eusc-de-east-1} (the European Sovereign Cloud). */
  private static final java.util.regex.Pattern REGION = java.util.regex.Pattern.compile("[a-z]{2,}(-[a-z]+)+-[0-9]+");

  public AwsScope {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(account, "account");
  }

  /** Whether {@code name} is written as a region name is ({@code eu-west-1}, {@code us-gov-west-1}). */
  public static boolean isRegionName(String name) {
    return name != null && REGION.matcher(name).matches();
  }

  /** {@code aws://eu-west-1/123456789012}: the input name of findings on this scope. */
  public String input() {
    return "aws://" + region + "/" + account;
  }

  /** {@code aws}, {@code aws-cn}, {@code aws-us-gov} or {@code aws-eusc}, from the region's name. */
  public String partition() {
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    if (region.startsWith("eusc-")) {
      return "aws-eusc";
    }
    if (region.startsWith("us-gov-")) {
      return "aws-us-gov";
    }
    return "aws";
  }

  /** {@code arn:aws:ec2:REGION:ACCOUNT:security-group-rule/sgr-...}. */
  public String ruleArn(String ruleId) {
    return "arn:" + partition() + ":ec2:" + region + ":" + account + ":security-group-rule/" + ruleId;
  }

  /** Where a live rule of group {@code groupId} is: this scope, pointing at the group. */
  public Location location(String groupId) {
    return Location.pointer(input(), groupId);
  }
}
