package io.deployguard.docker.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Builds image archives in memory for tests: layer tars, {@code docker save} archives (legacy
 * and Docker 25+ layouts, manifest first or last, layers as symlinks) and OCI layouts (nested
 * indexes, attestation manifests, gzip/zstd/plain layers), written as tars or directories.
 */
final class Fixtures {
  private Fixtures() {}

  static final ObjectMapper JSON = new ObjectMapper();

  /** One tar member. */
  record Member(String name, char type, byte[] data, String link) {
    static Member file(String name, byte[] data) {
      return new Member(name, '0', data, null);
    }

    static Member dir(String name) {
      return new Member(name, '5', new byte[0], null);
    }

    static Member symlink(String name, String target) {
      return new Member(name, '2', new byte[0], target);
    }

    static Member hardlink(String name, String target) {
      return new Member(name, '1', new byte[0], target);
    }
  }

  /** A tar of the members, names written exactly as given (absolute and {@code ..} too). */
  static byte[] tar(List<Member> members) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeTar(members, out);
    return out.toByteArray();
  }

  static void writeTar(List<Member> members, OutputStream out) {
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Member m : members) {
        TarArchiveEntry e = new TarArchiveEntry(m.name(), (byte) m.type(), true);
        if (m.link() != null) {
          e.setLinkName(m.link());
        }
        e.setModTime(0);
        if (m.type() == '0') {
          e.setSize(m.data().length);
        }
        tar.putArchiveEntry(e);
        if (m.type() == '0') {
          tar.write(m.data());
        }
        tar.closeArchiveEntry();
      }
      tar.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Builds one layer tar. */
  static final class LayerTar {
    private final List<Member> members = new ArrayList<>();

    LayerTar dir(String path) {
      members.add(Member.dir(path + "/"));
      return this;
    }

    LayerTar file(String path, int size) {
      members.add(Member.file(path, random(size, path.hashCode())));
      return this;
    }

    LayerTar file(String path, String text) {
      members.add(Member.file(path, text.getBytes(StandardCharsets.UTF_8)));
      return this;
    }

    LayerTar symlink(String path, String target) {
      members.add(Member.symlink(path, target));
      return this;
    }

    LayerTar hardlink(String path, String target) {
      members.add(Member.hardlink(path, target));
      return this;
    }

    LayerTar whiteout(String path) {
      int slash = path.lastIndexOf('/');
      members.add(Member.file(path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1), new byte[0]));
      return this;
    }

    LayerTar opaque(String dir) {
      members.add(Member.file(dir + "/.wh..wh..opq", new byte[0]));
      return this;
    }

    LayerTar member(Member m) {
      members.add(m);
      return this;
    }

    byte[] bytes() {
      return tar(members);
    }
  }

  static LayerTar layer() {
    return new LayerTar();
  }

  static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] zstd(byte[] data) {
    return com.github.luben.zstd.Zstd.compress(data);
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] json(Object node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An image config for uncompressed layers, one history step per layer. */
  static byte[] config(List<byte[]> layerTars) {
    ObjectNode c = JSON.createObjectNode();
    c.put("architecture", "amd64").put("os", "linux");
    ArrayNode diffIds = c.putObject("rootfs").put("type", "layers").putArray("diff_ids");
    ArrayNode history = c.putArray("history");
    history.addObject().put("created_by", "ENV A=b").put("empty_layer", true);
    for (int i = 0; i < layerTars.size(); i++) {
      diffIds.add("sha256:" + sha256(layerTars.get(i)));
      history.addObject().put("created_by", "RUN step " + (i + 1));
    }
    return json(c);
  }

  /** Archive members, in order, by name. */
  static final class Archive {
    final Map<String, Member> members = new LinkedHashMap<>();

    Archive put(Member m) {
      members.put(m.name(), m);
      return this;
    }

    Archive file(String name, byte[] data) {
      return put(Member.file(name, data));
    }

    Archive remove(String name) {
      members.remove(name);
      return this;
    }

    /** Moves a member to the front. */
    Archive first(String name) {
      Member m = members.remove(name);
      Map<String, Member> copy = new LinkedHashMap<>(members);
      members.clear();
      members.put(name, m);
      members.putAll(copy);
      return this;
    }

    byte[] tar() {
      return Fixtures.tar(new ArrayList<>(members.values()));
    }

    Path writeTar(Path file) {
      try {
        Files.write(file, tar());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return file;
    }

    /** Writes the members as a directory (an OCI layout). */
    Path writeDir(Path dir) {
      try {
        for (Member m : members.values()) {
          Path p = dir.resolve(m.name());
          Files.createDirectories(p.getParent());
          if (m.type() == '2') {
            Files.createSymbolicLink(p, Path.of(m.link()));
          } else if (m.type() == '0') {
            Files.write(p, m.data());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return dir;
    }
  }

  /**
   * A legacy {@code docker save} archive: {@code <hex>.tar} layers linked from {@code
   * <id>/layer.tar} (as podman writes), config, and {@code manifest.json} last.
   */
  static Archive dockerArchive(String tag, List<byte[]> layers) {
    Archive a = new Archive();
    byte[] config = config(layers);
    String configHex = sha256(config);
    ArrayNode manifest = JSON.createArrayNode();
    ObjectNode image = manifest.addObject();
    image.put("Config", configHex + ".json");
    image.putArray("RepoTags").add(tag);
    ArrayNode names = image.putArray("Layers");
    for (byte[] layer : layers) {
      String hex = sha256(layer);
      a.file(hex + ".tar", layer);
      a.put(Member.symlink("id" + hex.substring(0, 12) + "/layer.tar", "../" + hex + ".tar"));
      names.add("id" + hex.substring(0, 12) + "/layer.tar");
    }
    a.file(configHex + ".json", config);
    a.file("manifest.json", json(manifest));
    return a;
  }

  /** A Docker 25+ {@code docker save}: OCI blobs plus {@code manifest.json} and {@code index.json}. */
  static Archive docker25Archive(String tag, List<byte[]> layers) {
    Archive a = oci(tag, layers, java.util.Collections.nCopies(layers.size(), Compression.NONE), false, false);
    byte[] config = config(layers);
    ArrayNode manifest = JSON.createArrayNode();
    ObjectNode image = manifest.addObject();
    image.put("Config", "blobs/sha256/" + sha256(config));
    image.putArray("RepoTags").add(tag);
    ArrayNode names = image.putArray("Layers");
    for (byte[] layer : layers) {
      names.add("blobs/sha256/" + sha256(layer));
    }
    a.file("manifest.json", json(manifest));
    return a;
  }

  /** How a layer blob is stored in an OCI layout. */
  enum Compression {
    NONE("application/vnd.oci.image.layer.v1.tar"),
    GZIP("application/vnd.oci.image.layer.v1.tar+gzip"),
    ZSTD("application/vnd.oci.image.layer.v1.tar+zstd");

    final String mediaType;

    Compression(String mediaType) {
      this.mediaType = mediaType;
    }

    byte[] apply(byte[] tar) {
      return switch (this) {
        case NONE -> tar;
        case GZIP -> gzip(tar);
        case ZSTD -> zstd(tar);
      };
    }
  }

  /**
   * An OCI layout.
   *
   * @param compression per layer (missing entries: gzip)
   * @param nested put the image behind an inner index (as buildx and Docker 29 do), with an
   *     arm64 sibling and an attestation manifest beside it
   * @param attestation add an attestation manifest at the top
   */
  static Archive oci(String tag, List<byte[]> layers, List<Compression> compression, boolean nested,
      boolean attestation) {
    Archive a = new Archive();
    a.file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
    byte[] config = config(layers);
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
        .put("digest", "sha256:" + sha256(config)).put("size", config.length);
    ArrayNode ls = manifest.putArray("layers");
    for (int i = 0; i < layers.size(); i++) {
      Compression c = i < compression.size() ? compression.get(i) : Compression.GZIP;
      byte[] blob = c.apply(layers.get(i));
      a.file("blobs/sha256/" + sha256(blob), blob);
      ls.addObject().put("mediaType", c.mediaType).put("digest", "sha256:" + sha256(blob)).put("size", blob.length);
    }
    a.file("blobs/sha256/" + sha256(config), config);
    byte[] m = json(manifest);
    a.file("blobs/sha256/" + sha256(m), m);
    ObjectNode desc = descriptor("application/vnd.oci.image.manifest.v1+json", m);
    desc.putObject("platform").put("architecture", "amd64").put("os", "linux");
    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.index.v1+json");
    ArrayNode top = index.putArray("manifests");
    if (nested) {
      ObjectNode inner = JSON.createObjectNode();
      inner.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.index.v1+json");
      ArrayNode im = inner.putArray("manifests");
      im.add(desc);
      ObjectNode arm = descriptor("application/vnd.oci.image.manifest.v1+json", m);
      arm.putObject("platform").put("architecture", "arm64").put("os", "linux");
      im.add(arm);
      im.add(attestationDescriptor(a, m));
      byte[] innerBytes = json(inner);
      a.file("blobs/sha256/" + sha256(innerBytes), innerBytes);
      ObjectNode d = descriptor("application/vnd.oci.image.index.v1+json", innerBytes);
      d.putObject("annotations").put("io.containerd.image.name", tag);
      top.add(d);
    } else {
      desc.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
      top.add(desc);
    }
    if (attestation) {
      top.add(attestationDescriptor(a, m));
    }
    a.file("index.json", json(index));
    return a;
  }

  private static ObjectNode attestationDescriptor(Archive a, byte[] subject) {
    byte[] statement = "{\"_type\":\"https://in-toto.io/Statement/v0.1\"}".getBytes(StandardCharsets.UTF_8);
    a.file("blobs/sha256/" + sha256(statement), statement);
    byte[] emptyConfig = "{}".getBytes(StandardCharsets.UTF_8);
    a.file("blobs/sha256/" + sha256(emptyConfig), emptyConfig);
    ObjectNode am = JSON.createObjectNode();
    am.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    am.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
        .put("digest", "sha256:" + sha256(emptyConfig)).put("size", 2);
    am.putArray("layers").addObject().put("mediaType", "application/vnd.in-toto+json")
        .put("digest", "sha256:" + sha256(statement)).put("size", statement.length);
    byte[] amBytes = json(am);
    a.file("blobs/sha256/" + sha256(amBytes), amBytes);
    ObjectNode d = descriptor("application/vnd.oci.image.manifest.v1+json", amBytes);
    d.putObject("platform").put("architecture", "unknown").put("os", "unknown");
    d.putObject("annotations").put("vnd.docker.reference.type", "attestation-manifest")
        .put("vnd.docker.reference.digest", "sha256:" + sha256(subject));
    return d;
  }

  private static ObjectNode descriptor(String mediaType, byte[] blob) {
    ObjectNode d = JSON.createObjectNode();
    d.put("mediaType", mediaType).put("digest", "sha256:" + sha256(blob)).put("size", blob.length);
    return d;
  }

  /** The three layers most tests use: a base, a bloating step, a cleanup with whiteouts. */
  static List<byte[]> sampleLayers() {
    byte[] base = layer().dir("bin").file("bin/busybox", 4000).dir("etc").file("etc/os-release", "ID=test\n")
        .dir("data").dir("data/cache").file("data/cache/a.bin", 3000).file("data/cache/b.bin", 2000).bytes();
    byte[] bloat = layer().dir("data").file("data/big.bin", 10000).file("etc/os-release", "ID=test2\n")
        .dir("root").dir("root/.m2").file("root/.m2/lib.jar", 5000).bytes();
    byte[] cleanup = layer().dir("data").whiteout("data/big.bin").opaque("data/cache").dir("data/cache")
        .file("data/cache/new.bin", 100).bytes();
    return List.of(base, bloat, cleanup);
  }
}
