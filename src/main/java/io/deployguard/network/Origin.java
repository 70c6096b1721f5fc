package io.deployguard.network;

import io.deployguard.policy.Location;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where a security-group rule came from, so that findings on it name something a user can find.
 *
 * @param resource what a finding names: the plan address ({@code
 *     module.net.aws_security_group.web["a"]}) or the live rule id ({@code sgr-...})
 * @param groupId the group's id ({@code sg-...}) when known; plans often do not know it yet
 * @param groupName the group's name when known
 * @param defaultGroup whether the rule belongs to a VPC's default security group
 * @param ruleId the live rule id ({@code sgr-...}) when known
 * @param description the rule's description, or empty
 * @param tags tags of the rule (live) merged over those of its group
 * @param location the file or account scope and the place in it ({@code ingress[0]})
 */
public record Origin(
    String resource,
    String groupId,
    String groupName,
    boolean defaultGroup,
    String ruleId,
    String description,
    Map<String, String> tags,
    Location location) {

  public Origin {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(location, "location");
    description = description == null ? "" : description;
    // Plans give every rule of a resource no tags: one shared empty map, not a tree each.
    tags = tags == null || tags.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
  }

  /** A rule declared in a plan at {@code address}, at {@code pointer} inside {@code file}. */
  public static Origin plan(String address, String file, String pointer) {
    return new Origin(address, null, null, false, null, "", Map.of(), Location.pointer(file, pointer));
  }
}
