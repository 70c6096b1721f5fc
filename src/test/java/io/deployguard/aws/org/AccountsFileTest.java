package io.deployguard.aws.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deployguard.policy.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsFileTest {
  @TempDir Path tmp;

  @Test
  void anEmptyRegionEntry_isAConfigurationErrorNamingTheFileTheEntryAndTheFix() throws IOException {
    Path f = tmp.resolve("accounts.yml");
    Files.writeString(f, "accounts:\n  - {id: \"111111111111\", role: deployguard-member, regions: [eu-west-1, ~]}\n");

    assertThatThrownBy(() -> AccountsFile.read(f, null, null))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--accounts " + f + ": accounts[0]: account 111111111111: regions has an empty entry;"
            + " list region names such as eu-west-1");
  }

  @Test
  void anAccountsRegions_areReadInOrderWithoutRepeats() throws IOException {
    Path f = tmp.resolve("accounts.yml");
    Files.writeString(f, "accounts:\n  - {id: \"111111111111\", regions: [eu-west-1, us-east-1, eu-west-1]}\n");

    List<Account> accounts = AccountsFile.read(f, "deployguard-member", null);

    assertThat(accounts).singleElement().satisfies(a -> {
      assertThat(a.regions()).containsExactly("eu-west-1", "us-east-1");
      assertThat(a.role()).isEqualTo("deployguard-member");
    });
  }
}
