package io.deployguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.app.Postdeploy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Organisation options that cannot be used stop the run before any AWS call, with one line naming
 * the option or file, the place and the fix, and exit 2.
 */
class TargetOptionsTest {
  @TempDir Path tmp;

  record Run(int exit, String err) {}

  private static Run run(String... args) {
    List<String> all = new ArrayList<>(List.of("remediate", "--region", "us-east-1",
        "--endpoint-url", "http://127.0.0.1:9"));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), Postdeploy.standard());
    return new Run(code, err.toString().strip());
  }

  private Path accounts(String yaml) throws IOException {
    Path f = tmp.resolve("accounts.yml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void aMissingAccountsFile_isAConfigurationErrorNamingIt() {
    Run r = run("--accounts", tmp.resolve("nothere.yml").toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--accounts").contains("nothere.yml: no such file").doesNotContain("Exception");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void anAccountIdThatIsNotTwelveDigits_namesTheEntryAndTheFix() throws IOException {
    Run r = run("--accounts", accounts("accounts:\n  - {id: \"1234\", role: deployguard-member}\n").toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("accounts[0]").contains("'1234'").contains("12 digits");
  }

  @Test
  void anAccountWithoutARole_asksForOneOrForOrgRole() throws IOException {
    Run r = run("--accounts", accounts("accounts:\n  - {id: \"111111111111\", name: payments}\n").toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("111111111111 (payments): no role to assume").contains("--org-role");
  }

  @Test
  void aRoleArnInAnotherAccount_isRefused() throws IOException {
    Run r = run("--accounts", accounts(
        "accounts:\n  - {id: \"111111111111\", role: \"arn:aws:iam::222222222222:role/x\"}\n").toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("is in account 222222222222");
  }

  @Test
  void anUnknownKeyAndAnEmptyList_areConfigurationErrors() throws IOException {
    assertThat(run("--accounts", accounts("accounts:\n  - {id: \"111111111111\", rol: x}\n").toString()).err())
        .contains("unknown key 'rol'");
    assertThat(run("--accounts", accounts("accounts: []\n").toString()).err()).contains("no accounts");
  }

  @Test
  void bothSourcesOfAccounts_allWithOtherRegions_andRegionsWithoutAccounts_areRefused() throws IOException {
    Path f = accounts("accounts:\n  - {id: \"111111111111\", role: r}\n");
    assertThat(run("--accounts", f.toString(), "--organization").err()).contains("give one source of accounts");
    assertThat(run("--accounts", f.toString(), "--regions", "all,us-east-1").err()).contains("'all' stands alone");
    assertThat(run("--regions", "us-east-1,eu-west-1").err()).contains("need --accounts FILE or --organization");
    assertThat(run("--organization", "--parallel", "0").exit()).isEqualTo(2);
  }

  @Test
  void aRunTimeoutOfNoTimeAtAll_isAUsageErrorInTheWordsOfTheTargetTimeout() {
    for (String none : List.of("0s", "PT-5M")) {
      Run r = run("--organization", "--org-role", "audit", "--timeout", none);
      assertThat(r.exit()).as(none).isEqualTo(2);
      assertThat(r.err()).as(none).isEqualTo("deployguard: --timeout: '" + none + "' is not longer than 0s (give e.g. 5m)");
    }
  }

  @Test
  void aTargetTimeoutOfNoTimeAtAll_isAUsageErrorNamingIt() {
    for (String none : List.of("0s", "PT-5M", "PT0S")) {
      Run r = run("--organization", "--org-role", "audit", "--target-timeout", none);
      assertThat(r.exit()).as(none).isEqualTo(2);
      assertThat(r.err()).as(none).isEqualTo("deployguard: --target-timeout: '" + none + "' is not longer than 0s"
          + " (give e.g. 5m)");
    }
  }

  @Test
  void aTargetTimeoutOfNoTimeAtAllInTheConfiguration_isRefusedAtItsKey_asTheOptionIs() throws IOException {
    Path config = tmp.resolve("deployguard.yml");
    Files.writeString(config, "targets:\n  organization: true\n  org_role: audit\n  target_timeout: 0s\n");

    Run r = run("--config", config.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("deployguard: " + config + ":4: targets.target_timeout: '0s' is not longer than 0s"
        + " (give e.g. 5m)");
  }

  @Test
  void aBadOrgRole_namesTheOption_beforeAnyAccountIsListed() throws IOException {
    for (String role : List.of("not a role", "arn:aws:iam::111111111111:role/audit")) {
      Run org = run("--organization", "--org-role", role);
      assertThat(org.exit()).as(role).isEqualTo(2);
      assertThat(org.err()).as(role).startsWith("deployguard: --org-role: '" + role + "' is")
          .contains("give the role name every account has, e.g. --org-role deployguard-member")
          .doesNotContain("127.0.0.1").doesNotContain("account 1");
      Run file = run("--accounts", accounts("accounts:\n  - {id: \"222222222222\"}\n").toString(), "--org-role", role);
      assertThat(file.err()).as(role).startsWith("deployguard: --org-role: '" + role + "' is");
    }
    Path config = tmp.resolve("deployguard.yml");
    Files.writeString(config, "targets:\n  organization: true\n  org_role: not a role\n");
    assertThat(run("--config", config.toString()).err()).isEqualTo("deployguard: " + config
        + ":3: targets.org_role: 'not a role' is not an IAM role name (give the role name every account has, e.g."
        + " org_role: deployguard-member; an account's own ARN goes in the accounts file)");
  }

  @Test
  void allRegionsOfOneAccount_standsAlone_andARegionNameWithATypo_isRefusedAtItsEntry() throws IOException {
    Run typo = run("--accounts", accounts("accounts:\n  - {id: \"111111111111\", role: r}\n"
        + "  - {id: \"222222222222\", role: r, regions: [eu-west-1, eu-west-9x]}\n").toString());
    assertThat(typo.exit()).isEqualTo(2);
    assertThat(typo.err()).contains("accounts.yml: accounts[1]: account 222222222222: regions: 'eu-west-9x' is not a"
        + " region name (write names such as eu-west-1, or [all] for each enabled region)");

    Run mixed = run("--accounts", accounts("accounts:\n  - {id: \"111111111111\", role: r, regions: [all, us-east-1]}\n")
        .toString());
    assertThat(mixed.exit()).isEqualTo(2);
    assertThat(mixed.err()).contains("accounts[0]: account 111111111111: regions: 'all' stands alone");
  }

  @Test
  void aRegionNameWithATypo_inRegionsOrTargetsRegions_isRefusedBeforeAnyAwsCall() throws IOException {
    Path f = accounts("accounts:\n  - {id: \"111111111111\", role: r}\n");
    Run option = run("--accounts", f.toString(), "--regions", "us-east-1,eu-west-9x");
    assertThat(option.exit()).isEqualTo(2);
    assertThat(option.err()).isEqualTo("deployguard: --regions us-east-1,eu-west-9x: 'eu-west-9x' is not a region name"
        + " (write names such as eu-west-1, or [all] for each enabled region)");

    Path config = tmp.resolve("deployguard.yml");
    Files.writeString(config, "targets:\n  accounts: " + f + "\n  regions: [eu-west-9x]\n");
    Run key = run("--config", config.toString());
    assertThat(key.exit()).isEqualTo(2);
    assertThat(key.err()).startsWith("deployguard: " + config + ":3: targets.regions: 'eu-west-9x' is not a region"
        + " name");
  }

  @Test
  void aMissingAccountsFile_saysWhereARelativePathIsRead() {
    Run r = run("--accounts", "nope.yml");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("deployguard: --accounts nope.yml: no such file (check the path; a relative one is"
        + " read from the working folder)");
  }

  @Test
  void anAccountsFileThatIsAFolder_isNotCalledAnotherKindOfFile() {
    Run r = run("--accounts", tmp.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("deployguard: --accounts " + tmp + ": a folder, not an accounts file (give the YAML"
        + " file that lists the accounts)");
  }

  @Test
  void anAccountsFileThisUserCannotRead_saysSo_andAsksToCheckItsPermissions() throws IOException {
    Path locked = accounts("accounts:\n  - {id: \"111111111111\", role: r}\n");
    Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
    // root reads any file whatever its mode; a write-only kernel file refuses even root.
    Path unreadable = readable(locked) ? Path.of("/sys/bus/pci/rescan") : locked;
    io.deployguard.testing.RealComponent.require("a file this user cannot read", !readable(unreadable),
        "run as a user other than root, or where /sys/bus/pci/rescan refuses reading");

    Run r = run("--accounts", unreadable.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("deployguard: --accounts " + unreadable + ": cannot read it: permission denied"
        + " (check the file's permissions for the user running deployguard)");
  }

  private static boolean readable(Path p) {
    try (var in = Files.newInputStream(p)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void theOrganisationWithoutARole_asksForOrgRole() {
    Run r = run("--organization");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--org-role NAME");
  }

  @Test
  void theTargetsSectionOfTheConfiguration_isUsed_andTheOptionWins() throws IOException {
    Path config = tmp.resolve("deployguard.yml");
    Files.writeString(config, "targets:\n  accounts: " + tmp.resolve("from-config.yml") + "\n  parallel: 4\n");

    assertThat(run("--config", config.toString()).err()).contains("from-config.yml: no such file");
    assertThat(run("--config", config.toString(), "--accounts", tmp.resolve("from-option.yml").toString()).err())
        .contains("from-option.yml: no such file");
  }
}
