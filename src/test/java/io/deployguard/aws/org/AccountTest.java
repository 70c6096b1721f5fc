package io.deployguard.aws.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deployguard.policy.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountTest {

  @Test
  void aRoleName_becomesTheRoleArnOfTheAccountInTheRegionsPartition() {
    Account a = new Account("111111111111", "payments", "deployguard-member", null, List.of());

    assertThat(a.roleArn("eu-west-1")).isEqualTo("arn:aws:iam::111111111111:role/deployguard-member");
    assertThat(a.roleArn("cn-north-1")).isEqualTo("arn:aws-cn:iam::111111111111:role/deployguard-member");
    assertThat(a.roleArn("us-gov-west-1")).isEqualTo("arn:aws-us-gov:iam::111111111111:role/deployguard-member");
  }

  @Test
  void aRoleArn_isUsedAsGiven_andANameDefaultsToTheId() {
    Account a = new Account("111111111111", " ", "arn:aws:iam::111111111111:role/ops/dg", "x", List.of("eu-west-1",
        "eu-west-1"));

    assertThat(a.roleArn("us-east-1")).isEqualTo("arn:aws:iam::111111111111:role/ops/dg");
    assertThat(a.name()).isEqualTo("111111111111");
    assertThat(a.regions()).containsExactly("eu-west-1");
  }

  @Test
  void aRoleThatIsNeitherANameNorAnArn_isRefused() {
    assertThatThrownBy(() -> new Account("111111111111", null, "arn:aws:s3:::bucket", null, null))
        .isInstanceOf(ConfigException.class).hasMessageContaining("is not an IAM role ARN");
    assertThatThrownBy(() -> new Account("111111111111", null, "two words", null, null))
        .isInstanceOf(ConfigException.class).hasMessageContaining("neither a role name nor an ARN");
  }

  @Test
  void theSessionName_startsWithDeployguard_keepsOnlyAllowedCharacters_andFitsSixtyFourCharacters() {
    assertThat(AssumedRole.sessionName("20261201T135313Z-3614")).isEqualTo("deployguard-20261201T135313Z-3614");
    assertThat(AssumedRole.sessionName("a b:c")).isEqualTo("deployguard-a-b-c");
    assertThat(AssumedRole.sessionName("x".repeat(100))).hasSize(64).startsWith("deployguard-");
  }
}
