package io.deployguard.docker.image;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * A progress line on a terminal's stderr ({@code app.tar: layer 3 of 7, 512.0 MiB of 1.2 GiB
 * (42%)}), rewritten in place at most five times a second. Shown for sources over {@link
 * #THRESHOLD} bytes when {@code mode} is AUTO and stderr is a terminal, always when ALWAYS, never
 * when NEVER.
 */
public final class TerminalProgress implements Progress {

  /** Sources smaller than this read fast enough to need no progress. */
  public static final long THRESHOLD = 100_000_000L;

  /** When to show progress. */
  public enum Mode {
    AUTO,
    ALWAYS,
    NEVER
  }

  private static final long INTERVAL_NANOS = 200_000_000L;

  private final PrintWriter err;
  private final Mode mode;
  private final boolean terminal;
  private final LongSupplier nanoClock;
  private boolean active;
  private String input;
  private long total;
  private long read;
  private int layers;
  private int layer;
  private long lastPrint;
  private int lastLength;

  public TerminalProgress(PrintWriter err, Mode mode, boolean terminal, LongSupplier nanoClock) {
    this.err = err;
    this.mode = mode;
    this.terminal = terminal;
    this.nanoClock = nanoClock;
  }

  /** Progress on {@code err}, judging the terminal by {@code System.console()}. */
  public static TerminalProgress on(PrintWriter err, Mode mode) {
    return new TerminalProgress(err, mode, System.console() != null, System::nanoTime);
  }

  @Override
  public void start(String input, long totalBytes, int layers) {
    this.input = input;
    this.total = totalBytes;
    this.layers = layers;
    this.read = 0;
    this.layer = 0;
    this.lastLength = 0;
    this.active = switch (mode) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> terminal && totalBytes > THRESHOLD;
    };
    this.lastPrint = nanoClock.getAsLong() - INTERVAL_NANOS;
  }

  @Override
  public void layer(int n) {
    layer = n;
    tick(false);
  }

  @Override
  public void bytes(long r) {
    read = r;
    tick(false);
  }

  @Override
  public void finish() {
    if (active) {
      tick(true);
      err.println();
      err.flush();
      active = false;
    }
  }

  private void tick(boolean force) {
    if (!active) {
      return;
    }
    long now = nanoClock.getAsLong();
    if (!force && now - lastPrint < INTERVAL_NANOS) {
      return;
    }
    lastPrint = now;
    StringBuilder line = new StringBuilder(input).append(':');
    if (layer > 0) {
      line.append(" layer ").append(layer);
      if (layers > 0) {
        line.append(" of ").append(layers);
      }
      line.append(',');
    }
    line.append(' ').append(ImageRules.bytes(read));
    if (total > 0) {
      line.append(" of ").append(ImageRules.bytes(total))
          .append(" (").append(Math.min(100, read * 100 / total)).append("%)");
    }
    int length = line.length();
    while (line.length() < lastLength) {
      line.append(' ');
    }
    lastLength = length;
    err.print("\r" + line);
    err.flush();
  }
}
