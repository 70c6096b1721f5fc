/**
 * Security-group rules as one value, whether read from a Terraform plan or from a live account
 * ({@link io.deployguard.network.SecurityGroupRule}), with its parts (protocol, port range,
 * source) and the rules SG001-SG010 that judge it. Depends only on {@code policy}.
 */
package io.deployguard.network;
