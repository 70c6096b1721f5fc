/**
 * Coverage-guided fuzz tests (Jazzer) of the readers that take untrusted input: the plan reader,
 * the image archive reader, the Dockerfile parser and the configuration loader. In a normal test
 * run each harness replays its kept inputs (crashes found before, and seeds) as regression tests;
 * the {@code fuzz} Maven profile fuzzes one harness for a bounded time (see the README).
 */
package io.deployguard.fuzz;
