/**
 * The command line: picocli commands, option parsing and exit codes. The only place that calls
 * {@code System.exit}; holds no rule logic.
 */
package io.deployguard.cli;
