package io.deployguard.aws;

import io.deployguard.network.Cidr;
import io.deployguard.network.Direction;
import io.deployguard.network.Origin;
import io.deployguard.network.PortRange;
import io.deployguard.network.Protocol;
import io.deployguard.network.SecurityGroupRule;
import io.deployguard.network.Source;
import io.deployguard.policy.InputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ReferencedSecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Reads the live security-group rules of one account and region as {@link SecurityGroupRule}
 * values: {@code DescribeSecurityGroupRules} for the rules (one value per {@code sgr-} id, pages
 * of 1,000) and {@code DescribeSecurityGroups} for the group names, default groups and tags.
 * Rule tags win over group tags in {@link Origin#tags()}.
 *
 * <p>Protocols without ports (ICMP and others) get {@link PortRange#ALL}, which the policy
 * ignores; their ICMP type and code are not judged. A protocol deployguard cannot read is kept
 * as all traffic with a defect, never guessed to be TCP.
 */
public final class LiveSecurityGroups {

  /** At most this many values per EC2 filter; larger selections are read in chunks. */
  static final int FILTER_CHUNK = 200;
  /** The largest page DescribeSecurityGroupRules and DescribeSecurityGroups return. */
  static final int PAGE_SIZE = 1000;

  /**
   * Which groups to read; empty lists and maps select everything.
   *
   * @param groupIds only these group ids
   * @param vpcIds only groups in these VPCs
   * @param tags only groups carrying all of these tags; {@code *} matches any value
   */
  public record Selection(List<String> groupIds, List<String> vpcIds, Map<String, String> tags) {
    public static final Selection ALL = new Selection(List.of(), List.of(), Map.of());

    public Selection {
      groupIds = List.copyOf(groupIds);
      vpcIds = List.copyOf(vpcIds);
      tags = Map.copyOf(tags);
    }

    public boolean everything() {
      return groupIds.isEmpty() && vpcIds.isEmpty() && tags.isEmpty();
    }
  }

  private record GroupInfo(String id, String name, Map<String, String> tags) {}

  private final Ec2Client ec2;
  private final AwsScope scope;

  public LiveSecurityGroups(Ec2Client ec2, AwsScope scope) {
    this.ec2 = ec2;
    this.scope = scope;
  }

  /** Every rule of the selected groups, sorted by group and rule id. */
  public List<SecurityGroupRule> read(Selection selection) {
    Map<String, GroupInfo> groups = describeGroups(selection);
    List<software.amazon.awssdk.services.ec2.model.SecurityGroupRule> raw = new ArrayList<>();
    if (selection.everything()) {
      ec2.describeSecurityGroupRulesPaginator(r -> r.maxResults(PAGE_SIZE))
          .securityGroupRules().forEach(raw::add);
    } else {
      for (List<String> chunk : chunks(new ArrayList<>(groups.keySet()))) {
        ec2.describeSecurityGroupRulesPaginator(r -> r.maxResults(PAGE_SIZE)
                .filters(Filter.builder().name("group-id").values(chunk).build()))
            .securityGroupRules().forEach(raw::add);
      }
    }
    return convert(raw, groups);
  }

  /**
   * The named rules as they are now, with their groups' names and tags. Rules that no longer
   * exist are simply absent (the filter form of the call does not fail on unknown ids).
   */
  public List<SecurityGroupRule> readRules(Collection<String> ruleIds) {
    List<software.amazon.awssdk.services.ec2.model.SecurityGroupRule> raw = describeRules(ruleIds);
    Set<String> groupIds = new LinkedHashSet<>();
    raw.forEach(r -> groupIds.add(r.groupId()));
    Map<String, GroupInfo> groups = groupIds.isEmpty()
        ? Map.of() : describeGroups(new Selection(List.copyOf(groupIds), List.of(), Map.of()));
    return convert(raw, groups);
  }

  /** The ids among {@code ruleIds} that still exist. */
  Set<String> existing(Collection<String> ruleIds) {
    Set<String> out = new LinkedHashSet<>();
    describeRules(ruleIds).forEach(r -> out.add(r.securityGroupRuleId()));
    return out;
  }

  private List<software.amazon.awssdk.services.ec2.model.SecurityGroupRule> describeRules(Collection<String> ruleIds) {
    List<software.amazon.awssdk.services.ec2.model.SecurityGroupRule> raw = new ArrayList<>();
    for (List<String> chunk : chunks(new ArrayList<>(new LinkedHashSet<>(ruleIds)))) {
      ec2.describeSecurityGroupRulesPaginator(r -> r.maxResults(PAGE_SIZE)
              .filters(Filter.builder().name("security-group-rule-id").values(chunk).build()))
          .securityGroupRules().forEach(raw::add);
    }
    return raw;
  }

  private Map<String, GroupInfo> describeGroups(Selection s) {
    Map<String, GroupInfo> out = new HashMap<>();
    List<List<String>> idChunks = s.groupIds().isEmpty() ? List.of(List.of()) : chunks(s.groupIds());
    for (List<String> ids : idChunks) {
      List<Filter> filters = new ArrayList<>();
      if (!ids.isEmpty()) {
        filters.add(Filter.builder().name("group-id").values(ids).build());
      }
      if (!s.vpcIds().isEmpty()) {
        filters.add(Filter.builder().name("vpc-id").values(s.vpcIds()).build());
      }
      s.tags().forEach((k, v) -> filters.add(Filter.builder().name("tag:" + k).values(v).build()));
      ec2.describeSecurityGroupsPaginator(r -> r.maxResults(PAGE_SIZE).filters(filters))
          .securityGroups().forEach(g -> out.put(g.groupId(), info(g)));
    }
    return out;
  }

  private static GroupInfo info(SecurityGroup g) {
    return new GroupInfo(g.groupId(), g.groupName(), tags(g.tags()));
  }

  private static Map<String, String> tags(List<Tag> tags) {
    Map<String, String> m = new HashMap<>();
    if (tags != null) {
      tags.forEach(t -> m.put(t.key(), t.value() == null ? "" : t.value()));
    }
    return m;
  }

  private List<SecurityGroupRule> convert(
      List<software.amazon.awssdk.services.ec2.model.SecurityGroupRule> raw, Map<String, GroupInfo> groups) {
    List<SecurityGroupRule> out = new ArrayList<>();
    for (var r : raw) {
      GroupInfo g = groups.get(r.groupId());
      if (g == null) {
        // The group was deleted between the two calls (its rules went with it), or lies outside the selection.
        continue;
      }
      out.add(toRule(r, g));
    }
    out.sort(Comparator.comparing((SecurityGroupRule x) -> x.origin().groupId()).thenComparing(x -> x.origin().ruleId()));
    return out;
  }

  private SecurityGroupRule toRule(software.amazon.awssdk.services.ec2.model.SecurityGroupRule r, GroupInfo g) {
    String id = r.securityGroupRuleId();
    if (id == null || id.isBlank()) {
      throw new InputException(scope.input(), g.id(), "EC2 returned a rule of group " + g.id() + " without a rule id",
          "run again; if it persists, report it with the EC2 response");
    }
    List<String> defects = new ArrayList<>();
    Protocol protocol;
    try {
      protocol = Protocol.parse(r.ipProtocol());
    } catch (IllegalArgumentException e) {
      defects.add(e.getMessage() + "; read as all traffic");
      protocol = Protocol.ALL;
    }
    PortRange ports = PortRange.ALL;
    if (protocol.hasPorts()) {
      Integer from = r.fromPort();
      Integer to = r.toPort();
      if (from == null || to == null || from < 0 || to > 65535 || from > to) {
        defects.add("port range " + from + "-" + to + " is not within 0-65535 in order; read as all ports");
      } else {
        ports = PortRange.of(from, to);
      }
    }
    Map<String, String> tags = new HashMap<>(g.tags());
    tags.putAll(tags(r.tags()));
    Origin origin = new Origin(id, g.id(), g.name(), "default".equals(g.name()), id, r.description(), tags,
        scope.location(g.id()));
    Source source = source(r, g.id());
    Direction direction = Boolean.TRUE.equals(r.isEgress()) ? Direction.EGRESS : Direction.INGRESS;
    return new SecurityGroupRule(direction, protocol, ports, source, origin, defects);
  }

  private Source source(software.amazon.awssdk.services.ec2.model.SecurityGroupRule r, String ownGroup) {
    try {
      if (r.cidrIpv4() != null) {
        return Cidr.parse(r.cidrIpv4());
      }
      if (r.cidrIpv6() != null) {
        return Cidr.parse(r.cidrIpv6());
      }
    } catch (IllegalArgumentException e) {
      throw new InputException(scope.input(), r.securityGroupRuleId(), "EC2 returned an unreadable CIDR: " + e.getMessage(),
          "run again; if it persists, report it with the EC2 response");
    }
    if (r.prefixListId() != null) {
      return new Source.PrefixList(r.prefixListId());
    }
    ReferencedSecurityGroup ref = r.referencedGroupInfo();
    if (ref != null && ref.groupId() != null) {
      if (ref.groupId().equals(ownGroup)) {
        return new Source.Self();
      }
      boolean foreign = ref.userId() != null && !ref.userId().equals(scope.account());
      return new Source.Group(foreign ? ref.userId() + "/" + ref.groupId() : ref.groupId());
    }
    throw new InputException(scope.input(), r.securityGroupRuleId(),
        "rule " + r.securityGroupRuleId() + " has no CIDR, prefix list or referenced group",
        "run again; if it persists, report it with the EC2 response");
  }

  static <T> List<List<T>> chunks(List<T> all) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += FILTER_CHUNK) {
      out.add(List.copyOf(all.subList(i, Math.min(all.size(), i + FILTER_CHUNK))));
    }
    return out;
  }
}
