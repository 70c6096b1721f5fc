/**
 * The AWS Lambda entry point for CloudTrail security-group events delivered by EventBridge; a
 * composition root like the CLI, holding no rule logic.
 */
package io.deployguard.lambda;
