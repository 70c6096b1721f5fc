/**
 * The deployguard Pipeline steps: {@code deployguardPredeploy} and {@code deployguardPostdeploy}.
 * A composition root like the command line: it resolves credentials and build context on the
 * controller, runs the core facade on the agent that holds the workspace, and turns the outcome
 * into the build result. It holds no rule logic.
 */
package io.deployguard.jenkins;
