/**
 * Wiring shared by every front end (CLI, Lambda, Jenkins plugin, GitLab template): loading
 * {@code deployguard.yml}, the explicit rule catalogue, and facades that run a set of scans and
 * apply the policy. Holds no rule logic; depends on every capability package.
 */
package io.deployguard.app;
