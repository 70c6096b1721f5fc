/**
 * Wiring shared by every front end (CLI, Lambda, and through the CLI the Jenkins plugin and
 * GitLab template): loading {@code deployguard.yml}, the explicit rule catalogue, the scans each
 * command prepares ({@link io.deployguard.app.Scan}) and the one run that judges and reports them
 * ({@link io.deployguard.app.ScanRun}). Holds no rule logic; depends on every capability package.
 */
package io.deployguard.app;
