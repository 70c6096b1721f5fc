package io.deployguard.docker.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {

  private final StringWriter sink = new StringWriter();
  private final AtomicLong clock = new AtomicLong();

  private TerminalProgress progress(TerminalProgress.Mode mode, boolean terminal) {
    return new TerminalProgress(new PrintWriter(sink, true), mode, terminal, clock::get);
  }

  @Test
  void largeImageOnATerminal_showsLayerNOfMAndBytes() {
    TerminalProgress p = progress(TerminalProgress.Mode.AUTO, true);

    p.start("docker-daemon:app:1", 400_000_000L, 7);
    p.layer(3);
    clock.addAndGet(300_000_000L);
    p.bytes(200_000_000L);
    p.finish();

    assertThat(sink.toString()).contains("\rdocker-daemon:app:1: layer 3 of 7, 190.7 MiB of 381.5 MiB (50%)")
        .endsWith(System.lineSeparator());
  }

  @Test
  void updatesAreThrottled() {
    TerminalProgress p = progress(TerminalProgress.Mode.ALWAYS, false);
    p.start("a.tar", 1000, 0);
    for (int i = 0; i < 100; i++) {
      p.bytes(i);
    }

    assertThat(sink.toString().chars().filter(c -> c == '\r').count()).isEqualTo(1);
  }

  @Test
  void smallImageOrNoTerminal_staysSilentInAutoMode() {
    TerminalProgress p = progress(TerminalProgress.Mode.AUTO, true);
    p.start("a.tar", TerminalProgress.THRESHOLD, 2);
    p.layer(1);
    p.finish();
    TerminalProgress q = progress(TerminalProgress.Mode.AUTO, false);
    q.start("b.tar", 10 * TerminalProgress.THRESHOLD, 2);
    q.layer(1);
    q.finish();

    assertThat(sink.toString()).isEmpty();
  }
}
