package io.deployguard.app;

import io.deployguard.capacity.ImageFootprint;
import io.deployguard.capacity.NodeDisk;
import java.util.ArrayList;
import java.util.List;

/**
 * What the scans of one run learned that checks across inputs need: the plans' node-group
 * disks and the scanned images' sizes. Filled as inputs are scanned, read once all are done.
 */
public final class ScanFacts {
  private final List<NodeDisk> nodeDisks = new ArrayList<>();
  private final List<ImageFootprint> images = new ArrayList<>();

  public void nodeDisk(NodeDisk d) {
    nodeDisks.add(d);
  }

  public void image(ImageFootprint i) {
    images.add(i);
  }

  public List<NodeDisk> nodeDisks() {
    return List.copyOf(nodeDisks);
  }

  public List<ImageFootprint> images() {
    return List.copyOf(images);
  }
}
