package io.deployguard.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Writes a legacy {@code docker save} archive for the image benchmark: LAYERS layers of
 * FILES_PER_LAYER files each (about 1 GB in all by default), with files overwritten and deleted
 * (whiteouts) in later layers, and {@code manifest.json} last as docker and podman write it.
 * Layers are streamed into the archive; nothing but the archive is written.
 *
 * <p>Run: {@code java src/bench/java/io/deployguard/bench/ImageArchiveGenerator.java OUT.tar
 * [layers] [files] [totalMiB] [sparse]}
 *
 * <p>With {@code sparse} the file contents are holes (zeros) that take no disk space, so a 10 GB
 * archive costs only its headers on disk; its diff ids are then made up (a digest of the layer's
 * name), which nothing in deployguard checks.
 */
public final class ImageArchiveGenerator {
  private ImageArchiveGenerator() {}

  private record FileSpec(String path, int size, boolean whiteout) {}

  public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
    Path out = Path.of(args.length > 0 ? args[0] : "bench-data/image-1g.tar");
    int layers = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int files = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    long total = (args.length > 3 ? Long.parseLong(args[3]) : 1000) << 20;
    boolean sparse = args.length > 4 && args[4].equals("sparse");
    int perLayer = files / layers;
    long meanSize = total / files;
    Random random = new Random(42);
    byte[] noise = new byte[1 << 20];
    random.nextBytes(noise);
    List<List<FileSpec>> plan = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      List<FileSpec> layer = new ArrayList<>();
      for (int i = 0; i < perLayer; i++) {
        // In a later layer every tenth entry replaces a file of the layer before and every fiftieth
        // deletes one (indexes ending in 1 and 6 are always plain files, never replacements or deletions).
        String path = l > 0 && i % 10 == 0 ? path(l - 1, i + 1) : path(l, i);
        if (l > 0 && i % 50 == 5) {
          layer.add(new FileSpec(whiteoutOf(path(l - 1, i + 1)), 0, true));
          continue;
        }
        int cap = sparse ? Integer.MAX_VALUE / 2 : noise.length;
        int size = (int) Math.min(cap, Math.max(0, (long) (random.nextGaussian() * meanSize / 2 + meanSize)));
        layer.add(new FileSpec(path, size, false));
      }
      plan.add(layer);
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    List<String> diffIds = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try (SparseOutput sparseOut = sparse ? new SparseOutput(out) : null;
        OutputStream archive = sparse ? sparseOut : new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
      for (int l = 0; l < layers; l++) {
        List<FileSpec> layer = plan.get(l);
        long size = 1024;
        for (FileSpec f : layer) {
          size += 512 + padded(f.size);
        }
        String name = String.format("layer%02d/layer.tar", l + 1);
        header(archive, name, '0', size);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        OutputStream body = new DigestingStream(archive, sha);
        for (FileSpec f : layer) {
          header(body, f.path, '0', f.size);
          if (sparse) {
            sparseOut.hole(padded(f.size));
            continue;
          }
          body.write(noise, 0, f.size);
          body.write(new byte[(int) (padded(f.size) - f.size)]);
        }
        body.write(new byte[1024]);
        archive.write(new byte[(int) (padded(size) - size)]);
        if (sparse) {
          sha.reset();
          sha.update(name.getBytes(StandardCharsets.UTF_8));
        }
        diffIds.add("\"sha256:" + HexFormat.of().formatHex(sha.digest()) + "\"");
        names.add("\"" + name + "\"");
        System.err.printf("layer %d of %d written%n", l + 1, layers);
      }
      StringBuilder history = new StringBuilder();
      for (int l = 0; l < layers; l++) {
        history.append(l == 0 ? "" : ",").append("{\"created_by\":\"RUN generate layer ").append(l + 1).append("\"}");
      }
      byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
          + String.join(",", diffIds) + "]},\"history\":[" + history + "]}").getBytes(StandardCharsets.UTF_8);
      member(archive, "config.json", config);
      member(archive, "manifest.json", ("[{\"Config\":\"config.json\",\"RepoTags\":[\"bench/image:1\"],\"Layers\":["
          + String.join(",", names) + "]}]").getBytes(StandardCharsets.UTF_8));
      archive.write(new byte[1024]);
    }
    System.err.println("wrote " + out + " (" + Files.size(out) + " bytes)");
  }

  private static String path(int layer, int i) {
    return String.format("opt/app/l%02d/d%03d/f%05d.bin", layer, i / 100, i);
  }

  private static String whiteoutOf(String path) {
    int slash = path.lastIndexOf('/');
    return path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1);
  }

  private static long padded(long size) {
    return (size + 511) / 512 * 512;
  }

  private static void member(OutputStream out, String name, byte[] data) throws IOException {
    header(out, name, '0', data.length);
    out.write(data);
    out.write(new byte[(int) (padded(data.length) - data.length)]);
  }

  /** A ustar header; names here are under 100 bytes. */
  private static void header(OutputStream out, String name, char type, long size) throws IOException {
    byte[] h = new byte[512];
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(n, 0, h, 0, n.length);
    octal(h, 100, 8, 0644);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, 0);
    h[156] = (byte) type;
    System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 8);
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 8, sum);
    out.write(h);
  }

  private static void octal(byte[] h, int off, int len, long v) {
    String s = String.format("%0" + (len - 1) + "o", v);
    System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, h, off, len - 1);
    h[off + len - 1] = 0;
  }

  /** Writes through a buffer, leaving holes (unwritten zeros) where {@link #hole} says. */
  private static final class SparseOutput extends OutputStream {
    private final java.nio.channels.FileChannel channel;
    private final java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 20);
    private long position;

    SparseOutput(Path out) throws IOException {
      channel = java.nio.channels.FileChannel.open(out, java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (buffer.remaining() < len) {
        drain();
      }
      if (len > buffer.capacity()) {
        channel.write(java.nio.ByteBuffer.wrap(b, off, len), position);
        position += len;
        return;
      }
      buffer.put(b, off, len);
    }

    void hole(long n) throws IOException {
      drain();
      position += n;
    }

    private void drain() throws IOException {
      buffer.flip();
      while (buffer.hasRemaining()) {
        position += channel.write(buffer, position);
      }
      buffer.clear();
    }

    @Override
    public void close() throws IOException {
      // The archive ends with written bytes (the manifest and the end marker), never a hole.
      drain();
      channel.close();
    }
  }

  /** Passes bytes through while hashing them (the layer's diff id). */
  private static final class DigestingStream extends OutputStream {
    private final OutputStream out;
    private final MessageDigest sha;

    DigestingStream(OutputStream out, MessageDigest sha) {
      this.out = out;
      this.sha = sha;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      sha.update((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      sha.update(b, off, len);
    }
  }
}
