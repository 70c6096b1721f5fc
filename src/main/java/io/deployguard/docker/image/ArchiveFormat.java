package io.deployguard.docker.image;

/** Which manifest an image archive must have. */
public enum ArchiveFormat {
  /** {@code manifest.json}: {@code docker save}, legacy or Docker 25+ OCI-style. */
  DOCKER,
  /** {@code index.json}: an OCI image layout. */
  OCI,
  /** {@code manifest.json} when present, else {@code index.json}: a bare path. */
  ANY
}
