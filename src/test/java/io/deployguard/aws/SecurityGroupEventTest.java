package io.deployguard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deployguard.policy.InputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecurityGroupEventTest {
  private static SecurityGroupEvent parse(String detail) {
    String json = "{\"detail-type\":\"AWS API Call via CloudTrail\",\"account\":\"123456789012\",\"region\":\"eu-west-1\","
        + "\"detail\":" + detail + "}";
    return SecurityGroupEvent.parse(json.getBytes(StandardCharsets.UTF_8), "event");
  }

  @Test
  void authorizeEvent_namesOnlyItsIngressRules() {
    SecurityGroupEvent e = parse("{\"eventName\":\"AuthorizeSecurityGroupIngress\",\"awsRegion\":\"eu-west-1\","
        + "\"userIdentity\":{\"arn\":\"arn:aws:iam::123456789012:user/bob\"},"
        + "\"responseElements\":{\"securityGroupRuleSet\":{\"items\":["
        + "{\"securityGroupRuleId\":\"sgr-0123456789abcdef0\",\"isEgress\":false},"
        + "{\"securityGroupRuleId\":\"sgr-0123456789abcdef1\",\"isEgress\":true}]}}}");

    assertThat(e.ruleIds()).containsExactly("sgr-0123456789abcdef0");
    assertThat(e.principal()).isEqualTo("arn:aws:iam::123456789012:user/bob");
    assertThat(e.region()).isEqualTo("eu-west-1");
  }

  @Test
  void modifyEventWithAListOfRules_namesEach() {
    SecurityGroupEvent e = parse("{\"eventName\":\"ModifySecurityGroupRules\",\"awsRegion\":\"eu-west-1\","
        + "\"requestParameters\":{\"ModifySecurityGroupRulesRequest\":{\"GroupId\":\"sg-1\",\"SecurityGroupRule\":["
        + "{\"SecurityGroupRuleId\":\"sgr-0123456789abcdef0\"},{\"SecurityGroupRuleId\":\"sgr-0123456789abcdef1\"}]}}}");

    assertThat(e.ruleIds()).containsExactly("sgr-0123456789abcdef0", "sgr-0123456789abcdef1");
    assertThat(e.principal()).isEqualTo("unknown");
  }

  @Test
  void wrongDetailTypeOrMissingRegion_isRejectedWithThePlace() {
    assertThatThrownBy(() -> SecurityGroupEvent.parse("{\"detail-type\":\"Scheduled Event\"}".getBytes(StandardCharsets.UTF_8), "event"))
        .isInstanceOf(InputException.class).hasMessageContaining("event: detail-type");
    assertThatThrownBy(() -> parse("{\"eventName\":\"ModifySecurityGroupRules\",\"awsRegion\":\"mars\"}"))
        .isInstanceOf(InputException.class).hasMessageContaining("detail.awsRegion");
  }
}
