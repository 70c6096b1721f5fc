/**
 * The one violation model every scanner reports into: {@link io.deployguard.policy.Finding},
 * {@link io.deployguard.policy.Severity}, rules with their metadata and the
 * {@link io.deployguard.policy.RuleSet} each family declares them in, scan errors and the sorted
 * {@link io.deployguard.policy.ScanResult}; also the policy settings (thresholds, rule overrides,
 * waivers, baselines) applied to findings after the rules have run. Depends on nothing else in
 * deployguard.
 */
package io.deployguard.policy;
