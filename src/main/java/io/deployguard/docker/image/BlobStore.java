package io.deployguard.docker.image;

import io.deployguard.policy.InputException;
import java.util.List;

/**
 * The named files of an image archive or layout: manifests and configs as bytes, layers as their
 * entries. Every failure is an {@link InputException} naming the input and the file.
 */
interface BlobStore {

  /** The input as the user named it ({@code docker-archive:/tmp/a.tar}). */
  String input();

  boolean contains(String name);

  /** A metadata file's bytes. @throws InputException when missing or not small enough */
  byte[] metadata(String name, String referencedFrom);

  /** A layer's entries. @throws InputException when missing or not a readable layer */
  List<LayerEntry> layer(String name, String referencedFrom, int index, int count);

  /** Where the bytes were read from: for a hint on the fix. */
  String remedy();
}
