package io.deployguard.docker.image;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What an image's layers add up to: the final filesystem (whiteouts and opaque directories
 * applied in layer order), the total size and the wasted bytes.
 *
 * <p>Sizes are the bytes of regular files in the layer tars, uncompressed: what the layers occupy
 * once unpacked on a node, the same for every source (the Engine's own {@code Size} differs by
 * storage driver). A path's copy is wasted when it does not reach the final filesystem: every copy
 * a later layer replaced, and every copy of a deleted path. A surviving file is therefore never
 * wasted, however many layers touched it before, and {@code wasted = total - final}. Hardlinks
 * and symlinks carry no bytes of their own; a hardlinked file counts once.
 *
 * @param image the layers analysed
 * @param totalBytes sum of every layer's file bytes
 * @param wastedBytes bytes in the layers that are not in the final filesystem
 * @param wasted wasted bytes per path, largest first
 * @param files the final filesystem by path, sorted
 */
public record ImageAnalysis(
    ImageLayers image, long totalBytes, long wastedBytes, List<WastedPath> wasted,
    NavigableMap<String, FinalEntry> files) {

  public ImageAnalysis {
    wasted = List.copyOf(wasted);
    files = Collections.unmodifiableNavigableMap(files);
  }

  /** {@code 1 - wasted / total}; 1 for an empty image. */
  public double efficiency() {
    return totalBytes == 0 ? 1.0 : 1.0 - (double) wastedBytes / totalBytes;
  }

  /** Bytes of the final filesystem. */
  public long finalBytes() {
    return totalBytes - wastedBytes;
  }

  /** Final bytes of {@code path} and everything below it. */
  public long bytesUnder(String path) {
    long sum = 0;
    for (FinalEntry e : subtree(path).values()) {
      sum += e.bytes();
    }
    return sum;
  }

  /** {@code path} and everything below it in the final filesystem ({@code ""} is the root). */
  public NavigableMap<String, FinalEntry> subtree(String path) {
    if (path.isEmpty()) {
      return files;
    }
    // '0' follows '/' in ASCII: the range holds exactly the paths below path/.
    NavigableMap<String, FinalEntry> below = files.subMap(path + "/", true, path + "0", false);
    FinalEntry self = files.get(path);
    if (self == null) {
      return below;
    }
    TreeMap<String, FinalEntry> both = new TreeMap<>(below);
    both.put(path, self);
    return both;
  }

  /** Applies the layers in order. */
  public static ImageAnalysis of(ImageLayers image) {
    List<Layer> layers = image.layers();
    TreeMap<String, Live> fs = new TreeMap<>();
    for (int li = 0; li < layers.size(); li++) {
      List<LayerEntry> entries = layers.get(li).entries();
      // Deletion markers act on the lower layers only, wherever they sit in this layer's tar.
      for (LayerEntry e : entries) {
        if (e.kind() == EntryKind.WHITEOUT) {
          fs.remove(e.path());
          below(fs, e.path()).clear();
        } else if (e.kind() == EntryKind.OPAQUE) {
          below(fs, e.path()).clear();
        }
      }
      Map<String, Integer> lastFile = hasHardlinks(entries) ? new HashMap<>() : null;
      for (int i = 0; i < entries.size(); i++) {
        LayerEntry e = entries.get(i);
        if (e.kind() == EntryKind.WHITEOUT || e.kind() == EntryKind.OPAQUE || e.path().isEmpty()) {
          continue;
        }
        int target = -1;
        if (e.kind() == EntryKind.HARDLINK && lastFile != null) {
          target = lastFile.getOrDefault(e.linkTarget(), -1);
        }
        // One walk down the tree per entry: put() returns what the path held (the paths below it
        // are not the path itself, so clearing them after the put is the same).
        Live prev = fs.put(e.path(), new Live(e, li, i, target));
        if (e.kind() != EntryKind.DIRECTORY && prev != null && prev.entry.kind() == EntryKind.DIRECTORY) {
          below(fs, e.path()).clear();
        }
        if (lastFile != null && e.kind() == EntryKind.FILE) {
          lastFile.put(e.path(), i);
        }
      }
    }
    return account(image, fs);
  }

  private record Live(LayerEntry entry, int layer, int ordinal, int linkTargetOrdinal) {}

  private static boolean hasHardlinks(List<LayerEntry> entries) {
    for (LayerEntry e : entries) {
      if (e.kind() == EntryKind.HARDLINK) {
        return true;
      }
    }
    return false;
  }

  private static NavigableMap<String, Live> below(TreeMap<String, Live> fs, String path) {
    return path.isEmpty() ? fs : fs.subMap(path + "/", true, path + "0", false);
  }

  private static ImageAnalysis account(ImageLayers image, TreeMap<String, Live> fs) {
    List<Layer> layers = image.layers();
    // live[layer] holds the ordinals of the entries that reach the final filesystem, directly or
    // through a surviving hardlink of the same layer.
    List<java.util.BitSet> direct = new ArrayList<>();
    List<java.util.BitSet> linked = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      direct.add(new java.util.BitSet());
      linked.add(new java.util.BitSet());
    }
    for (Live l : fs.values()) {
      direct.get(l.layer).set(l.ordinal);
      if (l.linkTargetOrdinal >= 0) {
        linked.get(l.layer).set(l.linkTargetOrdinal);
      }
    }
    java.util.BitSet[] counted = new java.util.BitSet[layers.size()];
    for (int i = 0; i < counted.length; i++) {
      counted[i] = new java.util.BitSet();
    }
    // Replacing the values in place keeps the tree: no second sort of a hundred thousand paths.
    @SuppressWarnings({"unchecked", "rawtypes"})
    TreeMap<String, Object> inPlace = (TreeMap) fs;
    inPlace.replaceAll((path, v) -> {
      Live l = (Live) v;
      long bytes = 0;
      if (l.entry.kind() == EntryKind.FILE) {
        bytes = l.entry.size();
      } else if (l.linkTargetOrdinal >= 0 && !direct.get(l.layer).get(l.linkTargetOrdinal)
          && !counted[l.layer].get(l.linkTargetOrdinal)) {
        counted[l.layer].set(l.linkTargetOrdinal);
        bytes = layers.get(l.layer).entries().get(l.linkTargetOrdinal).size();
      }
      return new FinalEntry(path, l.entry.kind(), bytes, l.layer + 1);
    });
    @SuppressWarnings({"unchecked", "rawtypes"})
    TreeMap<String, FinalEntry> files = (TreeMap) inPlace;
    Map<String, long[]> wastedBytes = new HashMap<>();
    Map<String, List<Integer>> wastedLayers = new HashMap<>();
    long total = 0;
    long wasted = 0;
    for (int li = 0; li < layers.size(); li++) {
      List<LayerEntry> entries = layers.get(li).entries();
      for (int i = 0; i < entries.size(); i++) {
        LayerEntry e = entries.get(i);
        if (e.size() == 0) {
          continue;
        }
        total += e.size();
        if (!direct.get(li).get(i) && !linked.get(li).get(i)) {
          wasted += e.size();
          wastedBytes.computeIfAbsent(e.path(), p -> new long[1])[0] += e.size();
          List<Integer> ls = wastedLayers.computeIfAbsent(e.path(), p -> new ArrayList<>());
          if (ls.isEmpty() || ls.get(ls.size() - 1) != li + 1) {
            ls.add(li + 1);
          }
        }
      }
    }
    List<WastedPath> list = new ArrayList<>(wastedBytes.size());
    wastedBytes.forEach((path, b) -> {
      FinalEntry now = files.get(path);
      boolean deleted = now == null || now.kind() == EntryKind.DIRECTORY;
      list.add(new WastedPath(path, b[0], wastedLayers.get(path), deleted));
    });
    list.sort(Comparator.comparingLong(WastedPath::bytes).reversed().thenComparing(WastedPath::path));
    return new ImageAnalysis(image, total, wasted, list, files);
  }
}
