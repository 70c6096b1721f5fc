package io.deployguard.policy;

import java.util.concurrent.ExecutionException;

/** What work done on another thread threw, thrown again on the thread that waited for it. */
public final class Futures {
  private Futures() {}

  /**
   * The cause of {@code e} to throw on the waiting thread: an unchecked exception as it is (an
   * {@link InputException} keeps its message and exit code), an {@link Error} thrown from here,
   * anything else wrapped in an {@link IllegalStateException}.
   */
  public static RuntimeException unwrapped(ExecutionException e) {
    if (e.getCause() instanceof RuntimeException r) {
      return r;
    }
    if (e.getCause() instanceof Error err) {
      throw err;
    }
    return new IllegalStateException(e.getCause());
  }
}
