package io.deployguard.aws.org;

import io.deployguard.aws.AwsScope;
import io.deployguard.policy.ConfigException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One member account as a run sees it.
 *
 * @param id the 12-digit account id
 * @param name the account's name (its Organizations name, or the accounts file's), never blank
 * @param role the role to assume there: an IAM role ARN, or a role name used in every account
 * @param externalId the external id the role's trust policy asks for, or {@code null}
 * @param regions this account's regions; empty for the run's; {@code [all]} for its enabled regions
 */
public record Account(String id, String name, String role, String externalId, List<String> regions) {

  private static final String ALL = "all";
  private static final Pattern ID = Pattern.compile("\\d{12}");
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/.+");
  private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@/-]{1,512}");

  public Account {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new ConfigException("account '" + id + "': an account id is 12 digits (write it in quotes in YAML)");
    }
    name = name == null || name.isBlank() ? id : name.trim();
    if (role == null || role.isBlank()) {
      throw new ConfigException("account " + id + " (" + name + "): no role to assume; give role: NAME or ARN,"
          + " or --org-role NAME for every account");
    }
    role = role.trim();
    if (role.startsWith("arn:")) {
      var m = ROLE_ARN.matcher(role);
      if (!m.matches()) {
        throw new ConfigException("account " + id + ": role '" + role + "' is not an IAM role ARN"
            + " (arn:aws:iam::ACCOUNT:role/NAME)");
      }
      if (!m.group(1).equals(id)) {
        throw new ConfigException("account " + id + ": role " + role + " is in account " + m.group(1)
            + "; the role to assume must be in the account checked");
      }
    } else if (!ROLE_NAME.matcher(role).matches()) {
      throw new ConfigException("account " + id + ": role '" + role + "' is neither a role name nor an ARN");
    }
    externalId = externalId == null || externalId.isBlank() ? null : externalId;
    if (regions != null && regions.stream().anyMatch(r -> r == null || r.isBlank())) {
      throw new ConfigException("account " + id + ": regions has an empty entry; list region names such as eu-west-1");
    }
    regions = regions == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(regions));
    String problem = regionsProblem(regions);
    if (problem != null) {
      throw new ConfigException("account " + id + ": regions: " + problem);
    }
    regions = regions.stream().anyMatch(ALL::equalsIgnoreCase) ? List.of(ALL) : regions;
  }

  /**
   * What is wrong with a list of regions (region names, or {@code all} alone for each enabled
   * region), as the rest of a sentence; {@code null} when nothing is.
   */
  public static String regionsProblem(List<String> regions) {
    if (regions.size() > 1 && regions.stream().anyMatch(ALL::equalsIgnoreCase)) {
      return "'all' stands alone (write [all] for each enabled region, or list region names)";
    }
    for (String r : regions) {
      if (!ALL.equalsIgnoreCase(r) && !AwsScope.isRegionName(r)) {
        return "'" + r + "' is not a region name (write names such as eu-west-1, or [all] for each enabled region)";
      }
    }
    return null;
  }

  /**
   * Why {@code role} cannot be the one role name assumed in every account ({@code --org-role},
   * {@code targets.org_role}), as the rest of a sentence; {@code null} when it can.
   */
  public static String roleNameProblem(String role) {
    if (role.isBlank()) {
      return "must not be empty";
    }
    if (role.strip().startsWith("arn:")) {
      return "'" + role + "' is an ARN of one account's role";
    }
    return ROLE_NAME.matcher(role.strip()).matches() ? null : "'" + role + "' is not an IAM role name";
  }

  /** Whether this account asks for each of its enabled regions ({@code regions: [all]}). */
  public boolean allRegions() {
    return allRegions(regions);
  }

  /** Whether {@code regions} asks for each enabled region: {@code all} alone, in any case. */
  public static boolean allRegions(List<String> regions) {
    return regions.size() == 1 && ALL.equalsIgnoreCase(regions.get(0));
  }

  /** The role's ARN in the partition of {@code region}. */
  public String roleArn(String region) {
    if (role.startsWith("arn:")) {
      return role;
    }
    return "arn:" + new AwsScope(region, id).partition() + ":iam::" + id + ":role/" + role;
  }
}
