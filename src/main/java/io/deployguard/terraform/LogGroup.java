package io.deployguard.terraform;

import io.deployguard.policy.Location;
import java.util.Objects;

/**
 * An {@code aws_cloudwatch_log_group} as planned.
 *
 * @param address the plan address
 * @param name the group's name, or {@code null} when unknown at plan time or prefixed
 * @param retentionInDays days before events expire; {@code null} or 0 means never
 * @param retentionUnknown whether the retention is known only after apply
 * @param location where the resource is in the plan
 */
public record LogGroup(String address, String name, Integer retentionInDays, boolean retentionUnknown, Location location) {
  public LogGroup {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(location, "location");
  }

  /** Whether events are kept forever: retention known and unset or 0. */
  public boolean neverExpires() {
    return !retentionUnknown && (retentionInDays == null || retentionInDays == 0);
  }
}
