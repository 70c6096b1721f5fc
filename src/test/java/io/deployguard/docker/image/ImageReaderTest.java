package io.deployguard.docker.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.docker.image.Fixtures.Compression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every archive format yields the same layers for the same image. */
class ImageReaderTest {

  @TempDir Path tmp;

  private static final List<byte[]> LAYERS = Fixtures.sampleLayers();

  private static ImageLayers read(String spec) {
    return ImageReader.read(spec, ImageReader.Options.DEFAULT);
  }

  private static List<Layer> expected() {
    List<Layer> raw = ImageAnalysisTest.readLayers(LAYERS);
    return java.util.stream.IntStream.range(0, raw.size())
        .mapToObj(i -> new Layer(i + 1, raw.get(i).diffId(), "RUN step " + (i + 1), raw.get(i).entries(),
            raw.get(i).bytes()))
        .toList();
  }

  @Test
  void legacyDockerArchiveWithManifestLastAndSymlinkedLayers_isReadInOnePass() {
    Path f = Fixtures.dockerArchive("app:1", LAYERS).writeTar(tmp.resolve("app.tar"));

    ImageLayers image = read("docker-archive:" + f);

    assertThat(image.reference()).isEqualTo("app:1");
    assertThat(image.source()).isEqualTo("docker-archive:" + f);
    assertThat(image.layers()).isEqualTo(expected());
    assertThat(image.layers().get(2).entries()).contains(LayerEntry.whiteout("data/big.bin"),
        LayerEntry.opaque("data/cache"));
  }

  @Test
  void legacyDockerArchiveWithManifestFirst_readsTheSame() {
    Path f = Fixtures.dockerArchive("app:1", LAYERS).first("manifest.json").writeTar(tmp.resolve("app.tar"));

    assertThat(read("docker-archive:" + f).layers()).isEqualTo(expected());
  }

  @Test
  void docker25ArchiveWithOciBlobs_readsTheSame() {
    Path f = Fixtures.docker25Archive("app:1", LAYERS).writeTar(tmp.resolve("app.tar"));

    assertThat(read("docker-archive:" + f).layers()).isEqualTo(expected());
    assertThat(read(f.toString()).layers()).isEqualTo(expected());
  }

  @Test
  void gzippedDockerArchive_readsTheSame() throws Exception {
    Path f = tmp.resolve("app.tar.gz");
    Files.write(f, Fixtures.gzip(Fixtures.dockerArchive("app:1", LAYERS).tar()));

    assertThat(read("docker-archive:" + f).layers()).isEqualTo(expected());
  }

  @Test
  void ociArchiveWithGzipZstdAndPlainLayers_isRecognisedByMagicBytes() {
    Path f = Fixtures.oci("app:1", LAYERS, List.of(Compression.GZIP, Compression.ZSTD, Compression.NONE), false, true)
        .writeTar(tmp.resolve("app.oci.tar"));

    ImageLayers image = read("oci-archive:" + f);

    assertThat(image.layers()).isEqualTo(expected());
    assertThat(image.reference()).isEqualTo("app:1");
  }

  @Test
  void ociLayoutWithNestedIndexAndAttestation_picksTheAmd64Image() {
    Path dir = Fixtures.oci("registry.example/app:2", LAYERS, List.of(Compression.ZSTD), true, true)
        .writeDir(tmp.resolve("layout"));

    ImageLayers image = read("oci:" + dir);

    assertThat(image.layers()).isEqualTo(expected());
    assertThat(image.reference()).isEqualTo("registry.example/app:2");
    assertThat(read(dir.toString()).layers()).isEqualTo(expected());
  }

  @Test
  void mediaTypeSayingGzipForAPlainTar_isReadByItsBytes() {
    Fixtures.Archive a = Fixtures.oci("app:1", LAYERS, List.of(Compression.NONE, Compression.NONE, Compression.NONE),
        false, false);
    // Rewrite the manifest to claim gzip for every layer.
    String manifestName = a.members.keySet().stream().filter(n -> n.startsWith("blobs/")).filter(n -> {
      String s = new String(a.members.get(n).data(), java.nio.charset.StandardCharsets.UTF_8);
      return s.contains("\"layers\":[");
    }).findFirst().orElseThrow();
    String m = new String(a.members.get(manifestName).data(), java.nio.charset.StandardCharsets.UTF_8)
        .replace("v1.tar\"", "v1.tar+gzip\"");
    a.file(manifestName, m.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Path f = a.writeTar(tmp.resolve("x.tar"));

    assertThat(read("oci-archive:" + f).layers()).isEqualTo(expected());
  }

  @Test
  void longPaxNamesAndAbsoluteSymlinkTargets_arePreserved() {
    String longName = "opt/" + "very-long-directory-name/".repeat(8) + "file.txt";
    byte[] layer = Fixtures.layer().file(longName, 12).symlink("usr/bin/app", "/opt/app/bin/app").bytes();
    Path f = Fixtures.dockerArchive("long:1", List.of(layer)).writeTar(tmp.resolve("long.tar"));

    List<LayerEntry> entries = read(f.toString()).layers().get(0).entries();

    assertThat(entries).containsExactly(LayerEntry.file(longName, 12),
        LayerEntry.symlink("usr/bin/app", "/opt/app/bin/app"));
  }

  @Test
  void archiveWithTwoImages_picksTheOneNamedAfterThePath() throws Exception {
    Fixtures.Archive one = Fixtures.oci("app:1", LAYERS, List.of(), false, false);
    // A second manifest entry in index.json naming another image.
    com.fasterxml.jackson.databind.node.ObjectNode index = (com.fasterxml.jackson.databind.node.ObjectNode)
        Fixtures.JSON.readTree(one.members.get("index.json").data());
    com.fasterxml.jackson.databind.node.ObjectNode other = index.withArray("manifests").get(0).deepCopy();
    other.putObject("annotations").put("org.opencontainers.image.ref.name", "other:9");
    index.withArray("manifests").add(other);
    one.file("index.json", Fixtures.json(index));
    Path f = one.writeTar(tmp.resolve("two.tar"));

    assertThat(read("oci-archive:" + f + ":other:9").reference()).isEqualTo("other:9");
  }
}
