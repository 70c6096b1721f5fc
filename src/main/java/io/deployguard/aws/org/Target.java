package io.deployguard.aws.org;

import io.deployguard.aws.AwsScope;
import java.util.Objects;

/**
 * One account in one region: the unit a run fans out over.
 *
 * @param account the account and how to get in
 * @param region the region checked there
 */
public record Target(Account account, String region) {

  public Target {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(region, "region");
  }

  public AwsScope scope() {
    return new AwsScope(region, account.id());
  }

  /** {@code aws://REGION/ACCOUNT}, the input its findings and errors name. */
  public String input() {
    return scope().input();
  }

  /** {@code NAME (ACCOUNT) REGION}, for messages. */
  public String label() {
    return account.name() + " (" + account.id() + ") " + region;
  }
}
