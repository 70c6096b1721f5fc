package io.deployguard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class FuturesTest {

  @Test
  void anUncheckedCause_isReturnedAsItIs() {
    InputException cause = new InputException("plan.json", "line 3", "broken", "regenerate it");
    assertThat(Futures.unwrapped(new ExecutionException(cause))).isSameAs(cause);
  }

  @Test
  void anError_isThrownAsItIs() {
    StackOverflowError cause = new StackOverflowError();
    assertThatThrownBy(() -> Futures.unwrapped(new ExecutionException(cause))).isSameAs(cause);
  }

  @Test
  void aCheckedCause_isWrapped() {
    IOException cause = new IOException("disk");
    assertThat(Futures.unwrapped(new ExecutionException(cause)))
        .isInstanceOf(IllegalStateException.class).hasCause(cause);
  }
}
