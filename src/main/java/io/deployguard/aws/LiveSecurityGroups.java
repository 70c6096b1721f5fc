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
 * <p>A selection that matches no group fails closed: a {@code --group-id} or {@code --vpc-id}
 * that matches none, tags that match none, or a target without any group at all (every VPC has
 * a default group) is an input error naming the filter. Every page is read against the run's
 * {@link Deadline}, and a {@code NextToken} that comes back twice stops the read with an error
 * instead of looping.
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

  private record GroupInfo(String id, String name, String vpcId, Map<String, String> tags) {}

  /** One page of a paginated call: its items and the token of the next page ({@code null} at the end). */
  private record Page<T>(List<T> items, String next) {}

  private final Ec2Client ec2;
  private final AwsScope scope;
  private final Deadline deadline;

  public LiveSecurityGroups(Ec2Client ec2, AwsScope scope, Deadline deadline) {
    this.ec2 = ec2;
    this.scope = scope;
    this.deadline = deadline;
  }

  /** Reads without a deadline of its own (the caller bounds the run). */
  public LiveSecurityGroups(Ec2Client ec2, AwsScope scope) {
    this(ec2, scope, Deadline.none());
  }

  /**
   * Every rule of the selected groups, sorted by group and rule id.
   *
   * @throws InputException when the selection matches no group (naming the filter), or EC2 repeats a page token
   */
  public List<SecurityGroupRule> read(Selection selection) {
    Map<String, GroupInfo> groups = describeGroups(selection);
    failClosed(selection, groups);
    List<software.amazon.awssdk.services.ec2.model.SecurityGroupRule> raw = new ArrayList<>();
    if (selection.everything()) {
      raw.addAll(rulePages(List.of()));
    } else {
      for (List<String> chunk : chunks(new ArrayList<>(groups.keySet()))) {
        raw.addAll(rulePages(List.of(Filter.builder().name("group-id").values(chunk).build())));
      }
    }
    return convert(raw, groups);
  }

  private void failClosed(Selection s, Map<String, GroupInfo> groups) {
    String where = " in " + scope.input();
    if (s.everything() && groups.isEmpty()) {
      throw new InputException(scope.input(), "DescribeSecurityGroups", "no security group at all" + where
          + " (every VPC has a default group, so this is the wrong account or region)",
          "check --region (or AWS_REGION), --profile and --endpoint-url");
    }
    List<String> problems = new ArrayList<>();
    List<String> missingIds = s.groupIds().stream().filter(id -> !groups.containsKey(id)).toList();
    if (!missingIds.isEmpty()) {
      problems.add("--group-id " + String.join(", ", missingIds));
    }
    Set<String> vpcsSeen = new java.util.HashSet<>();
    groups.values().forEach(g -> vpcsSeen.add(g.vpcId()));
    List<String> missingVpcs = s.vpcIds().stream().filter(v -> !vpcsSeen.contains(v)).toList();
    if (!missingVpcs.isEmpty()) {
      problems.add("--vpc-id " + String.join(", ", missingVpcs));
    }
    if (groups.isEmpty() && !s.tags().isEmpty()) {
      problems.add("--tag " + new java.util.TreeMap<>(s.tags()).entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(", ")));
    }
    if (!problems.isEmpty()) {
      throw new InputException(scope.input(), "DescribeSecurityGroups", "the filter " + String.join("; ", problems)
          + " (or its remediate: key in deployguard.yml) matches no security group" + where,
          "check the ids, tags and region; a filter that matches nothing is an error, never a pass");
    }
  }

  private List<software.amazon.awssdk.services.ec2.model.SecurityGroupRule> rulePages(List<Filter> filters) {
    return pages("DescribeSecurityGroupRules", token -> {
      var resp = ec2.describeSecurityGroupRules(r -> r.maxResults(PAGE_SIZE).filters(filters).nextToken(token));
      return new Page<>(resp.securityGroupRules(), resp.nextToken());
    });
  }

  /** Reads every page, checking the deadline before each and stopping on a token seen before. */
  private <T> List<T> pages(String call, java.util.function.Function<String, Page<T>> page) {
    List<T> out = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    String token = null;
    do {
      deadline.check(scope.input(), call);
      Page<T> p = page.apply(token);
      out.addAll(p.items());
      token = p.next() == null || p.next().isEmpty() ? null : p.next();
      if (token != null && !seen.add(token)) {
        throw new InputException(scope.input(), call, "EC2 answered the same NextToken twice (" + token
            + "); stopped reading instead of looping", "run again; if it persists, check --endpoint-url");
      }
    } while (token != null);
    return out;
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
      raw.addAll(rulePages(List.of(Filter.builder().name("security-group-rule-id").values(chunk).build())));
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
      pages("DescribeSecurityGroups", token -> {
        var resp = ec2.describeSecurityGroups(r -> r.maxResults(PAGE_SIZE).filters(filters).nextToken(token));
        return new Page<>(resp.securityGroups(), resp.nextToken());
      }).forEach(g -> out.put(g.groupId(), info(g)));
    }
    return out;
  }

  private static GroupInfo info(SecurityGroup g) {
    return new GroupInfo(g.groupId(), g.groupName(), g.vpcId(), tags(g.tags()));
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
