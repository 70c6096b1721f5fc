package io.deployguard.docker.image;

/**
 * One path of the image's final filesystem, after every layer and deletion has been applied.
 *
 * @param path normalised path
 * @param kind what it is (never a whiteout or opaque marker)
 * @param bytes what this path adds to the final filesystem: a regular file's size; for a
 *     hardlink, its target's size when the target path itself did not survive (else 0, so that
 *     linked bytes count once); 0 for everything else
 * @param layer the layer (from 1) that wrote this path last
 */
public record FinalEntry(String path, EntryKind kind, long bytes, int layer) {}
