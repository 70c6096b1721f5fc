package io.deployguard.docker.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.cli.Main;
import io.deployguard.docker.image.Fixtures.Compression;
import io.deployguard.docker.image.Fixtures.Member;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken inputs, each made here: every one exits 3 with one line naming the input, the place and
 * a fix, and none exits 0 or prints a stack trace.
 */
class BadImageInputTest {

  @TempDir static Path dir;

  private static final List<byte[]> LAYERS = Fixtures.sampleLayers();

  @BeforeAll
  static void requireNothingButTheJdk() {
    assertThat(dir).isDirectory();
  }

  private static String write(String name, byte[] bytes) {
    try {
      return Files.write(dir.resolve(name), bytes).toString();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] cut(byte[] b, double fraction) {
    return Arrays.copyOf(b, (int) (b.length * fraction));
  }

  /** An OCI archive whose first layer blob is replaced by {@code blob} (media type kept). */
  private static byte[] ociWithLayer(byte[] blob, String mediaType) {
    Fixtures.Archive a = Fixtures.oci("app:1", LAYERS, List.of(), false, false);
    String manifest = manifestName(a);
    String text = new String(a.members.get(manifest).data(), StandardCharsets.UTF_8);
    String firstDigest = Fixtures.sha256(Fixtures.gzip(LAYERS.get(0)));
    a.remove("blobs/sha256/" + firstDigest);
    a.file("blobs/sha256/" + firstDigest, blob);
    if (mediaType != null) {
      a.file(manifest, text.replaceFirst("application/vnd.oci.image.layer.v1.tar\\+gzip", mediaType)
          .getBytes(StandardCharsets.UTF_8));
    }
    return a.tar();
  }

  private static String manifestName(Fixtures.Archive a) {
    return a.members.keySet().stream().filter(n -> new String(a.members.get(n).data(), StandardCharsets.UTF_8)
        .contains("\"layers\":[")).findFirst().orElseThrow();
  }

  private static byte[] bomb() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
      TarArchiveEntry e = new TarArchiveEntry("zeros.bin");
      long size = 200L << 20;
      e.setSize(size);
      tar.putArchiveEntry(e);
      byte[] zeros = new byte[1 << 20];
      for (long i = 0; i < size; i += zeros.length) {
        tar.write(zeros);
      }
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toByteArray();
  }

  private static byte[] replaceManifest(String text) {
    Fixtures.Archive a = Fixtures.dockerArchive("app:1", LAYERS);
    a.file("manifest.json", text.getBytes(StandardCharsets.UTF_8));
    return a.tar();
  }

  private static byte[] layerWith(Member m) {
    return Fixtures.dockerArchive("app:1", List.of(Fixtures.layer().file("ok", "ok").member(m).bytes())).tar();
  }

  static Stream<Arguments> brokenInputs() {
    byte[] docker = Fixtures.dockerArchive("app:1", LAYERS).tar();
    return Stream.of(
        bad("truncated tar", () -> "docker-archive:" + write("truncated.tar", cut(docker, 0.6)), "truncated"),
        bad("truncated gzip archive", () -> "docker-archive:" + write("truncated.tar.gz", cut(Fixtures.gzip(docker), 0.5)),
            "truncated"),
        bad("truncated gzip layer", () -> "oci-archive:" + write("tgz.tar",
            ociWithLayer(cut(Fixtures.gzip(LAYERS.get(0)), 0.5), null)), "truncated"),
        bad("gzip bomb", () -> "oci-archive:" + write("bomb.tar", ociWithLayer(bomb(), null)), "decompression bomb"),
        bad("zstd garbage", () -> "oci-archive:" + write("zstd.tar", ociWithLayer(zstdGarbage(),
            "application/vnd.oci.image.layer.v1.tar+zstd")), "zstd data is corrupt"),
        bad("missing manifest", () -> "docker-archive:" + write("nomanifest.tar",
            Fixtures.dockerArchive("app:1", LAYERS).remove("manifest.json").tar()), "no manifest.json"),
        bad("manifest pointing at a missing layer", () -> "docker-archive:" + write("missing.tar",
            Fixtures.dockerArchive("app:1", LAYERS).remove(Fixtures.sha256(LAYERS.get(1)) + ".tar").tar()),
            "is not in the archive"),
        bad("OCI manifest pointing at a missing blob", () -> "oci-archive:" + write("ocimissing.tar", removeFirstLayerBlob()),
            "is not in the archive"),
        bad("path traversal in a layer", () -> "docker-archive:" + write("traversal.tar",
            layerWith(Member.file("../etc/passwd", "root::0:0".getBytes(StandardCharsets.UTF_8)))), "climbs out"),
        bad("path traversal in the archive", () -> "docker-archive:" + write("outer-traversal.tar",
            Fixtures.dockerArchive("app:1", LAYERS).file("../../evil", new byte[10]).tar()), "climbs out"),
        bad("absolute path in a layer", () -> "docker-archive:" + write("absolute.tar",
            layerWith(Member.file("/etc/passwd", "root::0:0".getBytes(StandardCharsets.UTF_8)))), "absolute path"),
        bad("hardlink out of the layer", () -> "docker-archive:" + write("hardlink.tar",
            layerWith(Member.hardlink("x", "../../etc/shadow"))), "climbs out"),
        bad("symlink loop", () -> "docker-archive:" + write("loop.tar", symlinkLoop()), "symlink loop"),
        bad("non-image tar", () -> "docker-archive:" + write("plain.tar",
            Fixtures.tar(List.of(Member.file("README", "hello".getBytes(StandardCharsets.UTF_8))))), "no manifest.json"),
        bad("non-image tar, bare path", () -> write("plain2.tar",
            Fixtures.tar(List.of(Member.file("README", "hello".getBytes(StandardCharsets.UTF_8))))),
            "neither manifest.json nor index.json"),
        bad("empty file", () -> write("empty.tar", new byte[0]), "the file is empty"),
        bad("random bytes", () -> "docker-archive:" + write("random.tar", Fixtures.random(5000, 7)), "not a tar archive"),
        bad("directory that is not an OCI layout", () -> {
          Path d = dir.resolve("not-a-layout");
          try {
            Files.createDirectories(d.resolve("blobs"));
          } catch (IOException e) {
            throw new AssertionError(e);
          }
          return "oci:" + d;
        }, "not an OCI image layout"),
        bad("bad JSON in manifest.json", () -> "docker-archive:" + write("badjson.tar",
            replaceManifest("[{\"Config\": \"x.json\", ")), "bad JSON"),
        bad("manifest.json of the wrong shape", () -> "docker-archive:" + write("shape.tar",
            replaceManifest("{\"Config\": \"x.json\"}")), "expected a non-empty array"),
        bad("bad JSON in index.json", () -> "oci-archive:" + write("badindex.tar",
            Fixtures.oci("app:1", LAYERS, List.of(), false, false).file("index.json",
                "{\"manifests\": [".getBytes(StandardCharsets.UTF_8)).tar()), "bad JSON"),
        bad("unknown layer media type", () -> "oci-archive:" + write("mediatype.tar",
            ociWithLayer(Fixtures.gzip(LAYERS.get(0)), "application/vnd.example.unknown")), "unknown layer media type"),
        bad("config and manifest disagree on layers", () -> "docker-archive:" + write("count.tar", layerCountMismatch()),
            "diff_ids"),
        bad("corrupt header inside a layer", () -> "docker-archive:" + write("corrupt.tar", corruptLayer()),
            "bad checksum"),
        bad("OCI archive given a docker archive", () -> "oci-archive:" + write("wrongkind.tar", docker), "no index.json"),
        bad("OCI layout blob escaping the directory", () -> "oci:" + escapingLayout(), "outside the layout directory"),
        bad("missing file", () -> "docker-archive:" + dir.resolve("does-not-exist.tar"), "no such file"),
        bad("unsupported transport", () -> "docker://nginx:latest", "not supported"),
        bad("unreachable daemon", () -> "--docker-host=unix:///nonexistent.sock docker-daemon:app:1",
            "cannot reach the Docker Engine at unix:///nonexistent.sock"),
        bad("PAX record '2 '", () -> "docker-archive:" + write("pax2.tar", paxRecord("2 ")), "malformed PAX record"),
        bad("archive-level gzip bomb", () -> "docker-archive:" + write("archive-bomb.tar.gz", bomb()),
            "decompression bomb"),
        bad("OCI index fanning 12 x 8 levels", () -> "oci-archive:" + write("fanout.tar", indexFanOut(12, 8)),
            "more than 1024 descriptors"),
        bad("one layer listed 2,000 times", () -> "docker-archive:" + write("repeated.tar", repeatedLayer(2000, 10)),
            "lists 2000 layers, more than the limit of 256 (image.max_layers"),
        bad("more entries in a layer than image.max_entries", () -> config("image:\n  max_entries: 1000\n")
            + " docker-archive:" + write("entries.tar", Fixtures.dockerArchive("app:1", List.of(emptyFiles(1001))).tar()),
            "more than 1000 file entries in the image's layers (the limit of image.max_entries"),
        bad("a layer listed again crossing image.max_entries", () -> config("image:\n  max_entries: 1000\n")
            + " docker-archive:" + write("entries2.tar", repeatedLayer(2, 600)),
            "more than 1000 file entries in the image's layers (the limit of image.max_entries"));
  }

  private static String config(String yaml) {
    return "--config " + write("limits-" + Integer.toHexString(yaml.hashCode()) + ".yml",
        ("version: 1\n" + yaml).getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] emptyFiles(int n) {
    Fixtures.LayerTar layer = Fixtures.layer();
    for (int i = 0; i < n; i++) {
      layer.member(Member.file("f" + i, new byte[0]));
    }
    return layer.bytes();
  }

  /** A docker archive whose manifest lists one layer of {@code files} files {@code times} times. */
  private static byte[] repeatedLayer(int times, int files) {
    byte[] layer = emptyFiles(files);
    Fixtures.Archive a = Fixtures.dockerArchive("app:1", java.util.Collections.nCopies(times, layer));
    return a.tar();
  }

  /** An archive whose only member is a PAX extended header holding {@code records}. */
  private static byte[] paxRecord(String records) {
    byte[] content = records.getBytes(StandardCharsets.UTF_8);
    byte[] header = new byte[512];
    put(header, 0, "PaxHeaders/x");
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", content.length));
    put(header, 136, "00000000000");
    header[156] = 'x';
    put(header, 257, "ustar");
    put(header, 263, "00");
    Arrays.fill(header, 148, 156, (byte) ' ');
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    byte[] out = new byte[512 + 512 + 1024];
    System.arraycopy(header, 0, out, 0, 512);
    System.arraycopy(content, 0, out, 512, content.length);
    return out;
  }

  private static void put(byte[] b, int at, String s) {
    byte[] t = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(t, 0, b, at, t.length);
  }

  /** An OCI archive whose index nests {@code levels} indexes, each listing its child {@code fanOut} times. */
  private static byte[] indexFanOut(int fanOut, int levels) {
    Fixtures.Archive a = Fixtures.oci("app:1", LAYERS, List.of(), false, false);
    String child = new String(a.members.get("index.json").data(), StandardCharsets.UTF_8);
    for (int level = 0; level < levels; level++) {
      byte[] bytes = child.getBytes(StandardCharsets.UTF_8);
      String digest = Fixtures.sha256(bytes);
      a.file("blobs/sha256/" + digest, bytes);
      String d = "{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"digest\":\"sha256:" + digest
          + "\",\"size\":" + bytes.length + "}";
      child = "{\"schemaVersion\":2,\"manifests\":[" + String.join(",", java.util.Collections.nCopies(fanOut, d)) + "]}";
    }
    a.file("index.json", child.getBytes(StandardCharsets.UTF_8));
    return a.tar();
  }

  private static byte[] zstdGarbage() {
    byte[] g = Fixtures.random(4000, 3);
    g[0] = 0x28;
    g[1] = (byte) 0xb5;
    g[2] = 0x2f;
    g[3] = (byte) 0xfd;
    return g;
  }

  private static byte[] removeFirstLayerBlob() {
    Fixtures.Archive a = Fixtures.oci("app:1", LAYERS, List.of(), false, false);
    a.remove("blobs/sha256/" + Fixtures.sha256(Fixtures.gzip(LAYERS.get(0))));
    return a.tar();
  }

  private static byte[] symlinkLoop() {
    String manifest = "[{\"Config\":\"c.json\",\"RepoTags\":[\"loop:1\"],\"Layers\":[\"a/layer.tar\"]}]";
    return Fixtures.tar(List.of(Member.symlink("a/layer.tar", "../b/layer.tar"),
        Member.symlink("b/layer.tar", "../a/layer.tar"),
        Member.file("c.json", "{\"rootfs\":{\"diff_ids\":[\"sha256:00\"]}}".getBytes(StandardCharsets.UTF_8)),
        Member.file("manifest.json", manifest.getBytes(StandardCharsets.UTF_8))));
  }

  private static byte[] layerCountMismatch() {
    Fixtures.Archive a = Fixtures.dockerArchive("app:1", LAYERS);
    String configName = a.members.keySet().stream().filter(n -> n.endsWith(".json") && !n.equals("manifest.json"))
        .findFirst().orElseThrow();
    a.file(configName, Fixtures.config(LAYERS.subList(0, 2)));
    return a.tar();
  }

  private static byte[] corruptLayer() {
    byte[] layer = LAYERS.get(1).clone();
    // Garble the name in the second header (the first is data/, without content), keeping the size.
    for (int i = 0; i < 20; i++) {
      layer[512 + i] ^= 0x5a;
    }
    return Fixtures.dockerArchive("app:1", List.of(LAYERS.get(0), layer)).tar();
  }

  private static Path escapingLayout() {
    try {
      Path secret = Files.write(dir.resolve("outside.bin"), Fixtures.gzip(LAYERS.get(0)));
      Fixtures.Archive a = Fixtures.oci("app:1", LAYERS, List.of(), false, false);
      String blob = "blobs/sha256/" + Fixtures.sha256(Fixtures.gzip(LAYERS.get(0)));
      a.remove(blob);
      a.put(Member.symlink(blob, secret.toString()));
      return a.writeDir(dir.resolve("escaping-layout"));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Arguments bad(String what, java.util.function.Supplier<String> input, String problem) {
    return Arguments.of(what, (Function<Void, String>) v -> input.get(), problem);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenInputs")
  void brokenInput_exits3WithOneLineNamingInputPlaceAndFix(String what, Function<Void, String> input, String problem) {
    String[] spec = input.apply(null).split(" ");
    String[] args = Stream.concat(Stream.of("image", "--progress", "never"), Arrays.stream(spec)).toArray(String[]::new);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));

    String all = out + "\n" + err;
    String source = spec[spec.length - 1];
    assertThat(code).as(all).isEqualTo(3);
    // One line on stderr (the text report on stdout names it too).
    assertThat(err.toString().lines().filter(l -> l.contains(source + ": ") && l.contains(problem)))
        .as(all).singleElement().satisfies(l -> assertThat(l).matches(".*\\(.+\\)\\s*$"));
    assertThat(all).doesNotContain("\tat ", "Exception:", "internal error");
  }
}
