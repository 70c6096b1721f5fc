package io.deployguard.aws.org;

import io.deployguard.policy.ConfigException;
import io.deployguard.policy.Glob;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AccountStatus;
import software.amazon.awssdk.services.organizations.model.ListAccountsRequest;

/**
 * The active accounts of an organisation, from {@code ListAccounts} (management or delegated
 * administrator account only), minus the excluded ones. Suspended and closing accounts are left
 * out: nothing can be changed there.
 */
public final class OrganizationAccounts {
  private OrganizationAccounts() {}

  /**
   * @param role the role name assumed in every account
   * @param exclude glob patterns on account id or name
   * @throws ConfigException when no account is left
   * @throws software.amazon.awssdk.core.exception.SdkException when Organizations cannot be read
   */
  public static List<Account> list(OrganizationsClient org, String role, String externalId, List<String> exclude) {
    if (role == null || role.isBlank()) {
      throw new ConfigException("--organization: give --org-role NAME, the role assumed in every member account");
    }
    List<Glob> out = exclude.stream().map(Glob::of).toList();
    List<Account> accounts = new ArrayList<>();
    org.listAccountsPaginator(ListAccountsRequest.builder().build()).stream()
        .flatMap(page -> page.accounts().stream()).forEach(a -> {
      boolean active = a.status() == AccountStatus.ACTIVE || "ACTIVE".equals(a.stateAsString());
      if (active && out.stream().noneMatch(g -> g.matches(a.id()) || g.matches(a.name()))) {
        accounts.add(new Account(a.id(), a.name(), role, externalId, List.of()));
      }
    });
    if (accounts.isEmpty()) {
      throw new ConfigException("--organization: no active account left"
          + (exclude.isEmpty() ? "" : " after --exclude " + String.join(",", exclude)));
    }
    accounts.sort(java.util.Comparator.comparing(Account::id));
    return accounts;
  }

  /** Leaves out the accounts whose id or name matches one of {@code exclude}. */
  public static List<Account> without(List<Account> accounts, List<String> exclude, String source) {
    List<Glob> out = exclude.stream().map(Glob::of).toList();
    List<Account> kept = accounts.stream()
        .filter(a -> out.stream().noneMatch(g -> g.matches(a.id()) || g.matches(a.name()))).toList();
    if (kept.isEmpty()) {
      throw new ConfigException(source + ": no account left after --exclude " + String.join(",", exclude));
    }
    return kept;
  }
}
