package io.deployguard.docker.image;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
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
    Filesystem fs = new Filesystem();
    // The work for one entry is a method of its own throughout: called for every entry, it is
    // compiled after a few hundred, where a loop body run once per layer is interpreted until
    // 60,000 entries have gone by.
    for (int li = 0; li < layers.size(); li++) {
      List<LayerEntry> entries = layers.get(li).entries();
      // Deletion markers act on the lower layers only, wherever they sit in this layer's tar.
      for (LayerEntry e : entries) {
        fs.delete(e);
      }
      Map<String, Integer> lastFile = hasHardlinks(entries) ? new HashMap<>() : null;
      for (int i = 0; i < entries.size(); i++) {
        fs.write(entries.get(i), li, i, lastFile);
      }
    }
    return account(image, fs);
  }

  private record Live(LayerEntry entry, int layer, int ordinal, int linkTargetOrdinal) {}

  /**
   * The filesystem being built: each path's live entry by hash, and the paths listed by their
   * directory (the part before the last {@code /}), directories in order, so that deleting a
   * subtree touches only the directories below it. Sorting a hundred thousand paths once at the
   * end, from runs that tar order mostly leaves sorted already, costs a fraction of keeping them
   * in a sorted tree through every layer.
   */
  private static final class Filesystem {
    final Map<String, Live> paths = new HashMap<>();
    /** Directory -> the paths directly in it; a path deleted and written again is listed twice. */
    final TreeMap<String, List<String>> dirs = new TreeMap<>();
    /** The directory of the path put last: consecutive entries of a tar mostly share one. */
    private String lastDir;
    private List<String> lastList;
    /** Paths listed, duplicates and deleted ones included. */
    int listed;

    /** What a deletion marker deletes; other entries delete nothing here. */
    void delete(LayerEntry e) {
      if (e.kind() == EntryKind.WHITEOUT) {
        paths.remove(e.path());
        clearBelow(e.path());
      } else if (e.kind() == EntryKind.OPAQUE) {
        clearBelow(e.path());
      }
    }

    /**
     * Entry {@code ordinal} of layer {@code layer} written over what is there.
     *
     * @param lastFile the ordinal of the last regular file of this layer at each path, for
     *     hardlinks; null when the layer has none
     */
    void write(LayerEntry e, int layer, int ordinal, Map<String, Integer> lastFile) {
      if (e.kind() == EntryKind.WHITEOUT || e.kind() == EntryKind.OPAQUE || e.path().isEmpty()) {
        return;
      }
      int target = -1;
      if (e.kind() == EntryKind.HARDLINK && lastFile != null) {
        target = lastFile.getOrDefault(e.linkTarget(), -1);
      }
      Live prev = put(e.path(), new Live(e, layer, ordinal, target));
      if (e.kind() != EntryKind.DIRECTORY && prev != null && prev.entry.kind() == EntryKind.DIRECTORY) {
        clearBelow(e.path());
      }
      if (lastFile != null && e.kind() == EntryKind.FILE) {
        lastFile.put(e.path(), ordinal);
      }
    }

    private Live put(String path, Live live) {
      Live prev = paths.put(path, live);
      if (prev == null) {
        int slash = path.lastIndexOf('/');
        int dirLength = Math.max(slash, 0);
        if (lastList == null || lastDir.length() != dirLength || !path.startsWith(lastDir)) {
          lastDir = path.substring(0, dirLength);
          lastList = dirs.computeIfAbsent(lastDir, d -> new ArrayList<>());
        }
        lastList.add(path);
        listed++;
      }
      return prev;
    }

    /** Deletes every path below {@code path} ({@code ""}: every path), not the path itself. */
    void clearBelow(String path) {
      lastList = null;
      if (path.isEmpty()) {
        paths.clear();
        dirs.clear();
        return;
      }
      List<String> own = dirs.remove(path);
      if (own != null) {
        own.forEach(paths::remove);
      }
      // '0' follows '/' in ASCII: the range holds exactly the directories below path/.
      NavigableMap<String, List<String>> below = dirs.subMap(path + "/", true, path + "0", false);
      for (List<String> l : below.values()) {
        l.forEach(paths::remove);
      }
      below.clear();
    }

    /** The live paths, sorted. */
    String[] sorted() {
      String[] all = new String[listed];
      int n = 0;
      for (List<String> l : dirs.values()) {
        for (String p : l) {
          if (paths.containsKey(p)) {
            all[n++] = p;
          }
        }
      }
      Arrays.sort(all, 0, n);
      int unique = 0;
      for (int i = 0; i < n; i++) {
        if (unique == 0 || !all[i].equals(all[unique - 1])) {
          all[unique++] = all[i];
        }
      }
      return Arrays.copyOf(all, unique);
    }
  }

  private static boolean hasHardlinks(List<LayerEntry> entries) {
    for (LayerEntry e : entries) {
      if (e.kind() == EntryKind.HARDLINK) {
        return true;
      }
    }
    return false;
  }

  private static ImageAnalysis account(ImageLayers image, Filesystem fs) {
    List<Layer> layers = image.layers();
    // live[layer] holds the ordinals of the entries that reach the final filesystem, directly or
    // through a surviving hardlink of the same layer.
    List<java.util.BitSet> direct = new ArrayList<>();
    List<java.util.BitSet> linked = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      direct.add(new java.util.BitSet());
      linked.add(new java.util.BitSet());
    }
    String[] sorted = fs.sorted();
    Live[] lives = new Live[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      Live l = fs.paths.get(sorted[i]);
      lives[i] = l;
      direct.get(l.layer).set(l.ordinal);
      if (l.linkTargetOrdinal >= 0) {
        linked.get(l.layer).set(l.linkTargetOrdinal);
      }
    }
    java.util.BitSet[] counted = new java.util.BitSet[layers.size()];
    for (int i = 0; i < counted.length; i++) {
      counted[i] = new java.util.BitSet();
    }
    // In path order: of several surviving hardlinks to a deleted file, the first carries its bytes.
    FinalEntry[] finals = new FinalEntry[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      Live l = lives[i];
      long bytes = 0;
      if (l.entry.kind() == EntryKind.FILE) {
        bytes = l.entry.size();
      } else if (l.linkTargetOrdinal >= 0 && !direct.get(l.layer).get(l.linkTargetOrdinal)
          && !counted[l.layer].get(l.linkTargetOrdinal)) {
        counted[l.layer].set(l.linkTargetOrdinal);
        bytes = layers.get(l.layer).entries().get(l.linkTargetOrdinal).size();
      }
      finals[i] = new FinalEntry(sorted[i], l.entry.kind(), bytes, l.layer + 1);
    }
    TreeMap<String, FinalEntry> files = new TreeMap<>(new SortedEntries(sorted, finals));
    Map<String, Waste> wastes = new HashMap<>();
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
          Waste w = wastes.computeIfAbsent(e.path(), p -> new Waste());
          w.bytes += e.size();
          if (w.layers.isEmpty() || w.layers.get(w.layers.size() - 1) != li + 1) {
            w.layers.add(li + 1);
          }
        }
      }
    }
    List<WastedPath> list = new ArrayList<>(wastes.size());
    wastes.forEach((path, w) -> {
      Live now = fs.paths.get(path);
      boolean deleted = now == null || now.entry.kind() == EntryKind.DIRECTORY;
      list.add(new WastedPath(path, w.bytes, w.layers, deleted));
    });
    list.sort(LARGEST_FIRST);
    return new ImageAnalysis(image, total, wasted, list, files);
  }

  /** The wasted copies of one path, added up. */
  private static final class Waste {
    long bytes;
    final List<Integer> layers = new ArrayList<>();
  }

  /** Most wasted bytes first, then by path. */
  private static final Comparator<WastedPath> LARGEST_FIRST = (x, y) -> {
    int byBytes = Long.compare(y.bytes(), x.bytes());
    return byBytes != 0 ? byBytes : x.path().compareTo(y.path());
  };

  /**
   * Sorted paths and their entries as a {@link SortedMap}: the form {@link TreeMap}'s copy
   * constructor builds its tree from in linear time, without comparing keys. Only what that
   * constructor reads is implemented.
   */
  private static final class SortedEntries extends AbstractMap<String, FinalEntry>
      implements SortedMap<String, FinalEntry> {
    private final String[] keys;
    private final FinalEntry[] values;

    SortedEntries(String[] keys, FinalEntry[] values) {
      this.keys = keys;
      this.values = values;
    }

    @Override
    public int size() {
      return keys.length;
    }

    @Override
    public Set<Map.Entry<String, FinalEntry>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Map.Entry<String, FinalEntry>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < keys.length;
            }

            @Override
            public Map.Entry<String, FinalEntry> next() {
              if (next >= keys.length) {
                throw new NoSuchElementException();
              }
              int i = next++;
              return new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
            }
          };
        }

        @Override
        public int size() {
          return keys.length;
        }
      };
    }

    @Override
    public Comparator<? super String> comparator() {
      return null;
    }

    @Override
    public String firstKey() {
      return keys[0];
    }

    @Override
    public String lastKey() {
      return keys[keys.length - 1];
    }

    @Override
    public SortedMap<String, FinalEntry> subMap(String fromKey, String toKey) {
      throw new UnsupportedOperationException();
    }

    @Override
    public SortedMap<String, FinalEntry> headMap(String toKey) {
      throw new UnsupportedOperationException();
    }

    @Override
    public SortedMap<String, FinalEntry> tailMap(String fromKey) {
      throw new UnsupportedOperationException();
    }
  }
}
