package io.deployguard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AwsScopeTest {

  @Test
  void regionNamesOfEveryPartition_areRegionNames_andTyposAreNot() {
    assertThat(List.of("eu-west-1", "us-gov-west-1", "cn-north-1", "eusc-de-east-1", "us-iso-east-1", "ap-southeast-7"))
        .allSatisfy(r -> assertThat(AwsScope.isRegionName(r)).as(r).isTrue());
    assertThat(List.of("eu-west-9x", "EU-WEST-1", "all", "eu_west_1", "eu-west", "e-west-1", ""))
        .allSatisfy(r -> assertThat(AwsScope.isRegionName(r)).as(r).isFalse());
  }

  @Test
  void theRegionsName_givesThePartitionOfItsArns() {
    assertThat(new AwsScope("eu-west-1", "111111111111").partition()).isEqualTo("aws");
    assertThat(new AwsScope("cn-north-1", "111111111111").partition()).isEqualTo("aws-cn");
    assertThat(new AwsScope("us-gov-west-1", "111111111111").partition()).isEqualTo("aws-us-gov");
    assertThat(new AwsScope("eusc-de-east-1", "111111111111").ruleArn("sgr-1"))
        .isEqualTo("arn:aws-eusc:ec2:eusc-de-east-1:111111111111:security-group-rule/sgr-1");
  }
}
