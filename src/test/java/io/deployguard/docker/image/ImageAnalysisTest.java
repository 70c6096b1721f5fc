package io.deployguard.docker.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageAnalysisTest {

  private static ImageAnalysis analyse(List<List<LayerEntry>> layers) {
    java.util.ArrayList<Layer> ls = new java.util.ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      ls.add(Layer.of(i + 1, "sha256:" + i, "RUN " + i, layers.get(i)));
    }
    return ImageAnalysis.of(new ImageLayers("test:1", "docker-archive:test.tar", "", ls));
  }

  @Test
  void fileOverwrittenInALaterLayer_countsOnlyItsEarlierCopiesAsWasted() {
    ImageAnalysis a = analyse(List.of(
        List.of(LayerEntry.file("app/x", 100)),
        List.of(LayerEntry.file("app/x", 150)),
        List.of(LayerEntry.file("app/x", 200))));

    assertThat(a.totalBytes()).isEqualTo(450);
    assertThat(a.wastedBytes()).isEqualTo(250);
    assertThat(a.wasted()).containsExactly(new WastedPath("app/x", 250, List.of(1, 2), false));
    assertThat(a.files().get("app/x").bytes()).isEqualTo(200);
    assertThat(a.files().get("app/x").layer()).isEqualTo(3);
  }

  @Test
  void fileDeletedByWhiteout_countsWholeInEveryLayer() {
    ImageAnalysis a = analyse(List.of(
        List.of(LayerEntry.file("tmp/big", 1000)),
        List.of(LayerEntry.file("tmp/big", 500)),
        List.of(LayerEntry.whiteout("tmp/big"))));

    assertThat(a.wastedBytes()).isEqualTo(1500);
    assertThat(a.wasted()).containsExactly(new WastedPath("tmp/big", 1500, List.of(1, 2), true));
    assertThat(a.files()).doesNotContainKey("tmp/big");
    assertThat(a.efficiency()).isEqualTo(0.0);
  }

  @Test
  void whiteoutOfADirectory_deletesEverythingBelowIt() {
    ImageAnalysis a = analyse(List.of(
        List.of(LayerEntry.directory("src"), LayerEntry.file("src/a", 10), LayerEntry.file("src/b/c", 20),
            LayerEntry.file("srcx", 5)),
        List.of(LayerEntry.whiteout("src"))));

    assertThat(a.files().keySet()).containsExactly("srcx");
    assertThat(a.wastedBytes()).isEqualTo(30);
  }

  @Test
  void whiteoutOfADirectory_keepsNamesThatOnlyBeginLikeIt() {
    ImageAnalysis a = analyse(List.of(
        List.of(LayerEntry.directory("a/b"), LayerEntry.file("a/b/c/d", 5), LayerEntry.file("a/b-c", 2),
            LayerEntry.file("a/b.txt", 3)),
        List.of(LayerEntry.whiteout("a/b"))));

    assertThat(a.files().keySet()).containsExactly("a/b-c", "a/b.txt");
    assertThat(a.wastedBytes()).isEqualTo(5);
  }

  @Test
  void finalFilesystem_isInPathOrderWhereANameSortsBetweenADirectoryAndItsContents() {
    ImageAnalysis a = analyse(List.of(
        List.of(LayerEntry.directory("a"), LayerEntry.file("a/b/c", 1), LayerEntry.file("a/b-c", 2),
            LayerEntry.directory("a/b"), LayerEntry.file("a/b.txt", 3), LayerEntry.file("a0", 4),
            LayerEntry.file("a/b/c/d", 5)),
        List.of(LayerEntry.whiteout("a/b.txt")),
        List.of(LayerEntry.file("a/b.txt", 6))));

    // '-' and '.' sort before '/': a/b-c and a/b.txt come between a/b and a/b/c.
    assertThat(a.files().keySet()).containsExactly("a", "a/b", "a/b-c", "a/b.txt", "a/b/c", "a/b/c/d", "a0");
    assertThat(a.files().get("a/b.txt").layer()).isEqualTo(3);
    assertThat(a.subtree("a/b").keySet()).containsExactly("a/b", "a/b/c", "a/b/c/d");
  }

  @Test
  void opaqueDirectory_hidesLowerContentsButKeepsItsOwnLayers() {
    ImageAnalysis a = analyse(List.of(
        List.of(LayerEntry.directory("d"), LayerEntry.file("d/old", 40), LayerEntry.file("d/sub/deep", 60)),
        // The marker may come after the layer's own files: it still hides only lower layers.
        List.of(LayerEntry.directory("d"), LayerEntry.file("d/new", 7), LayerEntry.opaque("d"))));

    assertThat(a.files().keySet()).containsExactly("d", "d/new");
    assertThat(a.wastedBytes()).isEqualTo(100);
    assertThat(a.wasted()).extracting(WastedPath::path).containsExactly("d/sub/deep", "d/old");
  }

  @Test
  void whiteoutInTheSameLayerAsANewFile_keepsTheNewFile() {
    ImageAnalysis a = analyse(List.of(
        List.of(LayerEntry.file("etc/conf", 30)),
        List.of(LayerEntry.file("etc/conf", 31), LayerEntry.whiteout("etc/conf"))));

    assertThat(a.files().get("etc/conf").bytes()).isEqualTo(31);
    assertThat(a.wastedBytes()).isEqualTo(30);
  }

  @Test
  void fileReplacingADirectory_removesTheDirectorysContents() {
    ImageAnalysis a = analyse(List.of(
        List.of(LayerEntry.directory("x"), LayerEntry.file("x/y", 80)),
        List.of(LayerEntry.file("x", 3))));

    assertThat(a.files().keySet()).containsExactly("x");
    assertThat(a.wastedBytes()).isEqualTo(80);
  }

  @Test
  void hardlinkedFile_countsOnce() {
    ImageAnalysis a = analyse(List.of(
        List.of(LayerEntry.file("usr/bin/a", 1000), LayerEntry.hardlink("usr/bin/b", "usr/bin/a"),
            LayerEntry.symlink("usr/bin/c", "a"))));

    assertThat(a.totalBytes()).isEqualTo(1000);
    assertThat(a.bytesUnder("usr")).isEqualTo(1000);
    assertThat(a.wastedBytes()).isZero();
  }

  @Test
  void hardlinkSurvivingItsDeletedTarget_keepsTheBytesAlive() {
    ImageAnalysis a = analyse(List.of(
        List.of(LayerEntry.file("a", 1000), LayerEntry.hardlink("b", "a")),
        List.of(LayerEntry.whiteout("a"))));

    assertThat(a.wastedBytes()).isZero();
    assertThat(a.files().get("b").bytes()).isEqualTo(1000);
    assertThat(a.finalBytes()).isEqualTo(1000);
  }

  @Test
  void sampleLayers_addUpAsWorkedOutByHand() {
    ImageAnalysis a = ImageAnalysis.of(new ImageLayers("t", "s", "", readLayers(Fixtures.sampleLayers())));

    assertThat(a.totalBytes()).isEqualTo(24117);
    assertThat(a.finalBytes()).isEqualTo(9109);
    assertThat(a.wastedBytes()).isEqualTo(15008);
    assertThat(a.wasted()).extracting(WastedPath::path)
        .containsExactly("data/big.bin", "data/cache/a.bin", "data/cache/b.bin", "etc/os-release");
    assertThat(a.files().keySet()).contains("data/cache/new.bin", "root/.m2/lib.jar", "bin/busybox")
        .doesNotContain("data/big.bin", "data/cache/a.bin");
  }

  static List<Layer> readLayers(List<byte[]> tars) {
    java.util.ArrayList<Layer> out = new java.util.ArrayList<>();
    for (int i = 0; i < tars.size(); i++) {
      try {
        BufferedInput in = BufferedInput.of(new java.io.ByteArrayInputStream(tars.get(i)));
        out.add(Layer.of(i + 1, "sha256:" + Fixtures.sha256(tars.get(i)), "",
            LayerDecoder.decode(in, ReadLimits.DEFAULT, Progress.SILENT, in::position)));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
    return out;
  }
}
