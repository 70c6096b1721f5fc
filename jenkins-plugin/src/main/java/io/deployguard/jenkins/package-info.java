/**
 * The deployguard Pipeline steps {@code deployguardPredeploy} and {@code deployguardPostdeploy},
 * and the {@code deployguard} tool they run. A composition root like the command line, and a thin
 * one: it bundles no deployguard class. It resolves the tool and the credentials, launches
 * {@code java -jar deployguard.jar} on the agent in the step's environment, and turns the exit
 * code and JSON report into the build result. What needs no Jenkins type is in
 * {@link io.deployguard.jenkins.core}, where plain JUnit tests cover it.
 */
package io.deployguard.jenkins;
