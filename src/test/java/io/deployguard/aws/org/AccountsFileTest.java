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

  @Test
  void halfASurrogatePairInAnEntrysText_isAConfigurationErrorNamingTheEntryAndTheKey() throws IOException {
    Path f = tmp.resolve("accounts.yml");
    Files.writeString(f, "accounts:\n  - {id: \"111111111111\", name: payments-prod, role: deployguard-member}\n"
        + "  - {id: \"222222222222\", name: \"office \\ud800 only\", role: deployguard-member}\n");

    assertThatThrownBy(() -> AccountsFile.read(f, null, null))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--accounts " + f + ": accounts[1]: name holds \\ud800, half of a UTF-16 surrogate pair without"
            + " its other half, which is no character (write the character itself, or both halves of its pair,"
            + " such as \\ud83d\\ude00)");
  }

  @Test
  void halfASurrogatePairInAnExternalIdOrARegion_isRefusedAsWell() throws IOException {
    Path f = tmp.resolve("accounts.yml");
    Files.writeString(f, "accounts:\n  - {id: \"111111111111\", external_id: \"s3\\udfffcr3t\"}\n");
    assertThatThrownBy(() -> AccountsFile.read(f, "deployguard-member", null))
        .hasMessageContaining("accounts[0]: external_id holds \\udfff, half of a UTF-16 surrogate pair");

    Files.writeString(f, "accounts:\n  - {id: \"111111111111\", regions: [eu-west-1, \"\\ud83d\"]}\n");
    assertThatThrownBy(() -> AccountsFile.read(f, "deployguard-member", null))
        .hasMessageContaining("accounts[0]: regions[1] holds \\ud83d, half of a UTF-16 surrogate pair");
  }

  @Test
  void aWholeSurrogatePairInAName_isKept() throws IOException {
    Path f = tmp.resolve("accounts.yml");
    Files.writeString(f, "accounts:\n  - {id: \"111111111111\", name: \"payments \\ud83d\\ude00\"}\n");

    assertThat(AccountsFile.read(f, "deployguard-member", null)).singleElement()
        .satisfies(a -> assertThat(a.name()).isEqualTo("payments \ud83d\ude00"));
  }
}
