/**
 * Reporters: stateless writers of a {@link io.deployguard.policy.ScanResult} in one format each,
 * listed in {@link io.deployguard.report.Reporters#all}. Each reporter declares its format's name,
 * default file name and description once, as the {@link io.deployguard.report.Reporter.Format}
 * constant of its class; every human-facing summary of a run is {@link io.deployguard.report.RunSummary}'s.
 * Structured formats are typed records serialised by Jackson. Depends only on {@code policy}.
 */
package io.deployguard.report;
