package io.deployguard.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deployguard.policy.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemberAccountsTest {

  @Test
  void aMemberRoleThatIsAnArn_isRefusedAtStartUp_namingTheVariableAndTheFix() {
    assertThatThrownBy(() -> MemberAccounts.fromEnvironment(
        Map.of("DEPLOYGUARD_MEMBER_ROLE", "arn:aws:iam::111111111111:role/deployguard-member"), null, r -> null))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("DEPLOYGUARD_MEMBER_ROLE: 'arn:aws:iam::111111111111:role/deployguard-member'")
        .hasMessageContaining("DEPLOYGUARD_MEMBER_ROLE=deployguard-member");
  }

  @Test
  void aMemberRoleThatIsNoRoleName_isRefusedAtStartUp_namingTheVariableAndTheFix() {
    assertThatThrownBy(() -> MemberAccounts.fromEnvironment(
        Map.of("DEPLOYGUARD_MEMBER_ROLE", "deployguard member"), null, r -> null))
        .isInstanceOf(ConfigException.class)
        .hasMessage("DEPLOYGUARD_MEMBER_ROLE: 'deployguard member' is not an IAM role name; give the role name"
            + " every member account has, e.g. DEPLOYGUARD_MEMBER_ROLE=deployguard-member");
  }

  @Test
  void aMemberRoleName_isAccepted_withoutAnyCallBeforeTheFirstEvent() {
    assertThat(MemberAccounts.fromEnvironment(Map.of("DEPLOYGUARD_MEMBER_ROLE", " deployguard-member "), null,
        r -> null)).isNotNull();
  }
}
