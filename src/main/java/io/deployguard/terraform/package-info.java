/**
 * Terraform plans ({@code terraform show -json}): the streaming plan reader that turns resources
 * into domain records (security-group rules, log groups, node groups), and the plan rules.
 * Depends on {@code policy} and {@code network}.
 */
package io.deployguard.terraform;
