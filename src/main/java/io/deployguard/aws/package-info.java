/**
 * The live AWS account: security-group drift scanning and remediation, CloudWatch alarm
 * verification and creation, and SNS notification, through the AWS SDK for Java v2. Depends on
 * {@code policy} and {@code network}.
 */
package io.deployguard.aws;
