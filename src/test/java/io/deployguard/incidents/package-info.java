/**
 * The two incidents deployguard was built for, run end to end from {@code examples/incidents/}:
 * the files a user copies, the scripts they run, and the findings they will see.
 */
package io.deployguard.incidents;
