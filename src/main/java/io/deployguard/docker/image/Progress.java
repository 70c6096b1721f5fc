package io.deployguard.docker.image;

/**
 * Told how a read goes, for a progress line on a terminal. Readers call it often; an
 * implementation throttles its own output. {@link #SILENT} ignores everything.
 */
public interface Progress {

  Progress SILENT = new Progress() {
    @Override
    public void start(String input, long totalBytes, int layers) {}

    @Override
    public void layer(int n) {}

    @Override
    public void bytes(long read) {}

    @Override
    public void finish() {}
  };

  /**
   * A read begins.
   *
   * @param totalBytes how many bytes the source holds, or 0 when unknown
   * @param layers how many layers the image has, or 0 when not known yet
   */
  void start(String input, long totalBytes, int layers);

  /** Layer {@code n} (from 1, in the order the source delivers them) begins. */
  void layer(int n);

  /** {@code read} bytes of the source have been consumed. */
  void bytes(long read);

  /** The read is over (successfully or not). */
  void finish();
}
