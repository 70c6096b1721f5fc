/**
 * Reporters: stateless writers of a {@link io.deployguard.policy.ScanResult} in one format each
 * (text, json, sarif, junit, gitlab-codequality, gitlab-sast, markdown), found by name in
 * {@link io.deployguard.report.Reporters}. Structured formats are typed records serialised by
 * Jackson. Depends only on {@code policy}.
 */
package io.deployguard.report;
