package io.deployguard.docker.image;

/**
 * A blob (a layer, a manifest) is not what it should be. Carries the problem and the place inside
 * the blob; the caller adds which input and blob it was.
 */
final class BlobException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String place;

  BlobException(String problem, String place) {
    super(problem);
    this.place = place == null ? "" : place;
  }

  String place() {
    return place;
  }
}
