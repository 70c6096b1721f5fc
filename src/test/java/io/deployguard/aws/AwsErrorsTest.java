package io.deployguard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

class AwsErrorsTest {

  private static AwsServiceException error(String service, int status, String code, String message) {
    return AwsServiceException.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().serviceName(service).errorCode(code).errorMessage(message).build())
        .build();
  }

  @Test
  void ec2AuthFailureWithoutABody_isNamedByItsStatus_notNullNull() {
    AwsErrors.Explained x = AwsErrors.explain(error("EC2", 401, null, null), "examples/iam/remediate.json");

    assertThat(x.problem()).isEqualTo("the credentials were not accepted: AuthFailure (HTTP 401)")
        .doesNotContain("null");
    assertThat(x.hint()).contains("renew them").doesNotContain("grant");
  }

  @Test
  void stsInvalidClientTokenId_asksForOtherCredentials_notForIamGrants() {
    AwsErrors.Explained x = AwsErrors.explain(error("STS", 403, "InvalidClientTokenId",
        "The security token included in the request is invalid."), "examples/iam/remediate.json");

    assertThat(x.problem()).contains("not accepted").contains("InvalidClientTokenId");
    assertThat(x.hint()).doesNotContain("grant").contains("--profile");
  }

  @Test
  void aRefusedAction_namesThePolicyToGrant() {
    AwsErrors.Explained x = AwsErrors.explain(error("EC2", 403, "UnauthorizedOperation", "not allowed"),
        "examples/iam/remediate.json");

    assertThat(x.hint()).isEqualTo("grant the actions of examples/iam/remediate.json to these credentials");
  }

  @Test
  void theRegion_comesFromAwsRegionThenAwsDefaultRegion() {
    AwsClients c = AwsClients.of(null, null);

    assertThat(c.defaultRegion(Map.of("AWS_DEFAULT_REGION", "eu-west-3"))).isEqualTo("eu-west-3");
    assertThat(c.defaultRegion(Map.of("AWS_REGION", "eu-west-1", "AWS_DEFAULT_REGION", "eu-west-3")))
        .isEqualTo("eu-west-1");
  }
}
