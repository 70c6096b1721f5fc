/**
 * What the deployguard Pipeline steps decide without any Jenkins type, so plain JUnit tests cover
 * it: step parameters to {@code java -jar deployguard-VERSION-all.jar} arguments
 * ({@link io.deployguard.jenkins.core.CliArguments}), the exit code and the JSON report to a build
 * result and the step's return value ({@link io.deployguard.jenkins.core.Judgement}), the
 * reports-directory guard ({@link io.deployguard.jenkins.core.ReportsDir}), the release download
 * ({@link io.deployguard.jenkins.core.JarInstaller}), the JVM command line
 * ({@link io.deployguard.jenkins.core.JavaCommand}) and secret masking in the build log
 * ({@link io.deployguard.jenkins.core.SecretMasker}). It holds no rule logic: the verdict is the
 * command line's.
 */
package io.deployguard.jenkins.core;
