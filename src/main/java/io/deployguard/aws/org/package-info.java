/**
 * Organisation-wide targets: the accounts of an accounts file or of AWS Organizations, the regions
 * to check in each, and the assumed-role credentials a run uses in a member account. A target is
 * one account in one region; nothing here judges or revokes anything.
 */
package io.deployguard.aws.org;
