package io.deployguard.terraform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the end of a large plan's {@code resource_changes} on a second core while the reader
 * reads its start. The file is cut at places that look like the seam between two resource
 * changes ({@code },{"address"}); a worker reads the pieces from the last to the first, each with a
 * reader of its own, while the reader goes on from the start. When the reader, inside {@code
 * resource_changes} and right after an element, reaches a seam whose piece the worker has read,
 * the worker's pieces from there to the end of the document replace reading it: the reader then
 * knows the seam is real, and each piece was read by the same code from the same state.
 *
 * <p>Nothing the worker does can change a result or an error: a seam that is not one (a look-alike
 * in {@code planned_values}, {@code prior_state} or a nested list), a piece that fails for any reason
 * (bad input, an error of the worker) or a piece the reader reaches first is read by the reader
 * itself, as without the worker. So a bad plan gets the error, line and column it always got.
 */
final class ChangeChunks {

  /** Plans smaller than this are read on one core: starting a second reader would not pay. */
  static final long MIN_SIZE = 8L << 20;
  /** The size of a piece, unless a plan needs more than {@link #MAX_PIECES}. */
  static final long PIECE = 2L << 20;
  private static final int MAX_PIECES = 512;
  /** How far past a cut a seam is looked for first: several resource changes. */
  private static final int SMALL_SEARCH = 16 * 1024;
  /** How far past a cut a seam is looked for: far more than one resource change. */
  private static final int SEARCH = 256 * 1024;

  /** Reads one piece, from the element at {@code start}; null when it is not what it seemed. */
  @FunctionalInterface
  interface PieceReader {
    Piece read(ChangeChunks chunks, int index, long start) throws IOException;
  }

  /**
   * What the worker read of one piece. Its lines are counted from the piece's start, as if it
   * began the file: the reader moves them once it knows the line the piece starts on.
   *
   * @param seam the index of the seam it starts at
   * @param extracted the records of its resources, in document order
   * @param next the index of the piece that follows, or -1 when this one read to the end of the
   *     document
   * @param lastLine the line, counted from the piece's start, of the {@code }} it ends with
   * @param rest when it read to the end: the top-level fields after {@code resource_changes}
   */
  record Piece(int seam, ResourceExtractor extracted, int next, long lastLine, PlanReader.Summary rest) {}

  private enum State { WAITING, WORKER, DONE, FAILED, READER }

  /**
   * The seams found: for each, the offset right after the {@code }} of the element before it and
   * the offset of the {@code {} of the element after it, in file order.
   */
  private record Seams(long[] ends, long[] starts, int[] gapLines) {}

  private final Path path;
  private final long size;
  private final long step;
  /** Set once by the worker; until then the reader reads on alone. */
  private volatile Seams seams;
  /** By seam, guarded by this. */
  private State[] states;
  private Piece[] pieces;
  private volatile boolean cancelled;
  /** For tests: the reader waits at a seam the worker has not reached, so that it takes over whenever it can. */
  private final boolean workerFirst;
  /** Whether the worker has stopped (guarded by this). */
  private boolean stopped;
  /** The first seam the reader has not passed (used by the reader's thread only). */
  private int next;

  private ChangeChunks(Path path, long size, long piece, boolean workerFirst) {
    this.path = path;
    this.size = size;
    this.step = Math.max(piece, size / MAX_PIECES + 1);
    this.workerFirst = workerFirst;
  }

  /**
   * Starts the worker on the plan at {@code path} of {@code size} bytes, with a seam about every
   * {@code piece} bytes, each piece read by {@code reader}.
   *
   * @param workerFirst for tests: the reader waits for the worker at every seam
   */
  static ChangeChunks start(Path path, long size, long piece, PieceReader reader, boolean workerFirst) {
    ChangeChunks chunks = new ChangeChunks(path, size, piece, workerFirst);
    Thread worker = new Thread(() -> {
      try {
        chunks.work(reader);
      } finally {
        synchronized (chunks) {
          chunks.stopped = true;
          chunks.notifyAll();
        }
      }
    }, "deployguard-plan-reader");
    worker.setDaemon(true);
    worker.start();
    return chunks;
  }

  /** The seams, one at most per step; a few KB are read at each cut, more only when needed. */
  private Seams findSeams() throws IOException {
    List<long[]> found = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(path)) {
      ByteBuffer small = ByteBuffer.allocate(SMALL_SEARCH);
      ByteBuffer large = ByteBuffer.allocate(SEARCH);
      long lastEnd = -1;
      for (long cut = step; cut < size && !cancelled; cut += step) {
        if (cut <= lastEnd) {
          continue;
        }
        long[] seam = seam(ch, small, cut);
        if (seam == null) {
          seam = seam(ch, large, cut);
        }
        if (seam != null) {
          found.add(seam);
          lastEnd = seam[0];
        }
      }
    }
    long[] ends = new long[found.size()];
    long[] starts = new long[found.size()];
    int[] gapLines = new int[found.size()];
    for (int i = 0; i < ends.length; i++) {
      ends[i] = found.get(i)[0];
      starts[i] = found.get(i)[1];
      gapLines[i] = (int) found.get(i)[2];
    }
    return new Seams(ends, starts, gapLines);
  }

  private static long[] seam(FileChannel ch, ByteBuffer window, long cut) throws IOException {
    window.clear();
    int n = 0;
    while (window.hasRemaining()) {
      int r = ch.read(window, cut + n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    return seam(window.array(), n, cut);
  }

  /**
   * The first {@code }} ws {@code ,} ws {@code {} ws {@code "address"} in {@code b[0..n)} as {end,
   * start} file offsets, or null. In valid JSON those bytes cannot be inside a string (the quote
   * before {@code address} would end it, leaving {@code address} bare), so they are the seam of two
   * objects in some list; which list, only the reader can tell.
   */
  private static long[] seam(byte[] b, int n, long base) {
    for (int i = 0; i < n; i++) {
      if (b[i] != '}') {
        continue;
      }
      int j = blanks(b, i + 1, n);
      if (j >= n || b[j] != ',') {
        continue;
      }
      j = blanks(b, j + 1, n);
      if (j >= n || b[j] != '{') {
        continue;
      }
      int open = j;
      j = blanks(b, j + 1, n);
      if (startsWith(b, j, n, ADDRESS)) {
        return new long[] {base + i + 1, base + open, lineBreaks(b, i + 1, open)};
      }
    }
    return null;
  }

  /**
   * The line breaks in the blanks {@code b[from..to)}, counted as the JSON parser counts them: LF,
   * CR LF and a lone CR are one each.
   */
  private static int lineBreaks(byte[] b, int from, int to) {
    int lines = 0;
    for (int i = from; i < to; i++) {
      if (b[i] == '\n' || (b[i] == '\r' && (i + 1 == to || b[i + 1] != '\n'))) {
        lines++;
      }
    }
    return lines;
  }

  private static final byte[] ADDRESS = "\"address\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private static int blanks(byte[] b, int i, int n) {
    while (i < n && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
      i++;
    }
    return i;
  }

  private static boolean startsWith(byte[] b, int i, int n, byte[] prefix) {
    if (n - i < prefix.length) {
      return false;
    }
    for (int k = 0; k < prefix.length; k++) {
      if (b[i + k] != prefix[k]) {
        return false;
      }
    }
    return true;
  }

  /** The worker: the line of each seam, then the pieces from the last to the first. */
  private void work(PieceReader reader) {
    try {
      Seams found = findSeams();
      if (found.ends().length == 0) {
        return;
      }
      synchronized (this) {
        states = new State[found.ends().length];
        pieces = new Piece[states.length];
        java.util.Arrays.fill(states, State.WAITING);
        seams = found;
        notifyAll();
      }
    } catch (IOException e) {
      return;
    }
    long[] starts = seams.starts();
    for (int k = starts.length - 1; k >= 0 && !cancelled; k--) {
      synchronized (this) {
        if (states[k] != State.WAITING) {
          return;
        }
        states[k] = State.WORKER;
      }
      Piece piece = null;
      try {
        piece = reader.read(this, k, starts[k]);
      } catch (Exception | StackOverflowError | OutOfMemoryError e) {
        // Whatever went wrong, the reader reads this piece itself and reports what is wrong with it.
        piece = null;
      }
      synchronized (this) {
        pieces[k] = piece;
        states[k] = piece == null ? State.FAILED : State.DONE;
        notifyAll();
      }
    }
  }

  /** Whether the reader no longer needs the worker. */
  boolean cancelled() {
    return cancelled;
  }

  /** Stops the worker after the element it reads. */
  void cancel() {
    cancelled = true;
  }

  /** The line breaks between the element before seam {@code k} and the one after it. */
  int gapLines(int k) {
    return seams.gapLines()[k];
  }

  /** The offset right after the element before seam {@code k} (for the worker, once it found them). */
  long end(int k) {
    return seams.ends()[k];
  }

  /** The number of seams (for the worker, once it found them). */
  int seams() {
    return seams.ends().length;
  }

  /**
   * Called by the reader right after an element of {@code resource_changes} that ends at {@code
   * end}: the worker's pieces from here to the end of the document when it has read them all,
   * else null (the reader goes on, and the piece from here is its own).
   */
  List<Piece> arrive(long end) {
    Seams found = workerFirst ? awaitSeams() : seams;
    if (cancelled || found == null) {
      return null;
    }
    long[] ends = found.ends();
    while (next < ends.length && ends[next] < end) {
      next++;
    }
    if (next == ends.length || ends[next] != end) {
      return null;
    }
    int k = next++;
    try {
      return arriveAt(k);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel();
      return null;
    }
  }

  private synchronized Seams awaitSeams() {
    try {
      while (seams == null && !stopped) {
        wait();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return seams;
  }

  private synchronized List<Piece> arriveAt(int k) throws InterruptedException {
    for (int j = 0; j < k; j++) {
      if (states[j] == State.WAITING) {
        states[j] = State.READER;
      }
    }
    while (states[k] == State.WORKER || (workerFirst && states[k] == State.WAITING && !stopped)) {
      wait();
    }
    if (states[k] == State.WAITING) {
      states[k] = State.READER;
      return null;
    }
    List<Piece> rest = new ArrayList<>();
    for (int j = k; states[j] == State.DONE; j = pieces[j].next()) {
      rest.add(pieces[j]);
      if (pieces[j].next() < 0) {
        return rest;
      }
      while (states[pieces[j].next()] == State.WORKER) {
        wait();
      }
    }
    return null;
  }
}
