package io.deployguard.cli;

import io.deployguard.aws.DurationText;
import io.deployguard.aws.org.Account;
import io.deployguard.aws.org.TargetSettings;
import io.deployguard.policy.ConfigException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Which accounts and regions a post-deploy command covers; each option wins over its key in the
 * configuration's {@code targets:} section.
 */
final class TargetOptions {
  @Option(names = "--accounts", paramLabel = "FILE",
      description = "Check the accounts of FILE (YAML: accounts: [{id, name, role, external_id, regions}]).")
  String accounts;

  @Option(names = "--organization",
      description = "Check every active account of the organisation (Organizations ListAccounts; management or delegated-administrator account).")
  Boolean organization;

  @Option(names = "--org-role", paramLabel = "NAME", description = "Role name assumed in every account that names none.")
  String orgRole;

  @Option(names = "--external-id", paramLabel = "ID", description = "External id sent with every AssumeRole that names none.")
  String externalId;

  @Option(names = "--exclude", paramLabel = "PATTERN", split = ",",
      description = "Leave out accounts whose id or name matches PATTERN (* and ?); repeatable.")
  List<String> exclude = new ArrayList<>();

  @Option(names = "--regions", paramLabel = "LIST", split = ",",
      description = "Regions checked in every account, e.g. us-east-1,eu-west-1, or 'all' for its enabled regions (default: the run's region).")
  List<String> regions = new ArrayList<>();

  @Option(names = "--parallel", paramLabel = "N", description = "Targets checked at once (default 8).")
  Integer parallel;

  @Option(names = "--target-timeout", paramLabel = "DURATION", description = "How long one target may take (default 5m).")
  String targetTimeout;

  @Option(names = "--allow-target-errors",
      description = "A target that cannot be checked is reported but does not fail the run (default: exit 3).")
  Boolean allowTargetErrors;

  /**
   * These options over the configuration's section.
   *
   * @throws ConfigException when a value is out of range or the sources conflict
   */
  TargetSettings over(TargetSettings config) {
    if (targetTimeout != null) {
      try {
        // As --timeout and targets.target_timeout: a target given no time at all is never checked.
        DurationText.positive(targetTimeout);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--target-timeout: " + e.getMessage());
      }
    }
    String roleProblem = orgRole == null ? null : Account.roleNameProblem(orgRole);
    if (roleProblem != null) {
      throw new ConfigException("--org-role: " + roleProblem + " (give the role name every"
          + " account has, e.g. --org-role deployguard-member; an account's own ARN goes in the accounts file)");
    }
    if (parallel != null && (parallel < 1 || parallel > TargetSettings.MAX_PARALLEL)) {
      throw new ConfigException("--parallel " + parallel + ": give 1 to " + TargetSettings.MAX_PARALLEL);
    }
    boolean org = organization != null ? organization : config.organization();
    String file = accounts != null ? accounts : organization != null && organization ? null : config.accounts();
    if (file != null && org) {
      throw new ConfigException("--accounts " + file + " and --organization: give one source of accounts, not both");
    }
    List<String> r = regions.isEmpty() ? config.regions() : regions;
    String regionsProblem = Account.regionsProblem(regions);
    if (regionsProblem != null) {
      throw new ConfigException("--regions " + String.join(",", regions) + ": " + regionsProblem);
    }
    TargetSettings merged = new TargetSettings(file, org, orgRole != null ? orgRole : config.orgRole(),
        externalId != null ? externalId : config.externalId(), exclude.isEmpty() ? config.exclude() : exclude, r,
        parallel != null ? parallel : config.parallel(),
        targetTimeout != null ? targetTimeout : config.targetTimeout(),
        allowTargetErrors != null ? allowTargetErrors : config.allowTargetErrors());
    if (!merged.active() && (!regions.isEmpty() || !exclude.isEmpty() || orgRole != null)) {
      throw new ConfigException("--regions, --exclude and --org-role need --accounts FILE or --organization");
    }
    return merged;
  }
}
