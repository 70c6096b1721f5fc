package io.deployguard.docker.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.docker.ImageSettings;
import io.deployguard.policy.ByteSize;
import io.deployguard.policy.Finding;
import io.deployguard.policy.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageRulesTest {

  private static ImageAnalysis image(List<List<LayerEntry>> layers) {
    List<Layer> ls = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      ls.add(Layer.of(i + 1, "sha256:" + i, "RUN step " + (i + 1), layers.get(i)));
    }
    return ImageAnalysis.of(new ImageLayers("app:1", "docker-archive:app.tar", "", ls));
  }

  private static final ImageSettings SMALL =
      ImageSettings.DEFAULT.withSizes(ByteSize.ofBytes(10_000), ByteSize.ofBytes(5_000));

  private static List<Finding> run(ImageAnalysis a, ImageSettings s, String rule) {
    return ImageRules.RULES.evaluate(a, s).stream().filter(f -> f.ruleId().equals(rule)).toList();
  }

  @Test
  void imageOverMaxSize_isReportedHighWithTheLargestLayer() {
    ImageAnalysis a = image(List.of(List.of(LayerEntry.file("a", 4000)), List.of(LayerEntry.file("b", 7000))));

    List<Finding> f = run(a, SMALL, "IMG001");

    assertThat(f).singleElement().satisfies(x -> {
      assertThat(x.severity()).isEqualTo(Severity.HIGH);
      assertThat(x.resource()).isEqualTo("app:1");
      assertThat(x.location().input()).isEqualTo("docker-archive:app.tar");
      assertThat(x.location().pointer()).isEqualTo("layer 2");
      assertThat(x.details()).containsEntry("size_bytes", "11000").containsEntry("limit_bytes", "10000");
      assertThat(x.message()).contains("10.7 KiB", "layer 2 6.8 KiB");
    });
  }

  @Test
  void imageBetweenWarnAndMax_isReportedMedium() {
    ImageAnalysis a = image(List.of(List.of(LayerEntry.file("a", 6000))));

    assertThat(run(a, SMALL, "IMG001")).singleElement()
        .satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.MEDIUM));
  }

  @Test
  void imageUnderWarnSize_passes() {
    assertThat(run(image(List.of(List.of(LayerEntry.file("a", 4999)))), SMALL, "IMG001")).isEmpty();
  }

  @Test
  void fileDeletedInALaterLayer_isWastedBytesWithItsLayers() {
    ImageAnalysis a = image(List.of(
        List.of(LayerEntry.file("bin/app", 1000), LayerEntry.file("tmp/build.tgz", 9000)),
        List.of(LayerEntry.whiteout("tmp/build.tgz"))));

    List<Finding> f = run(a, ImageSettings.DEFAULT, "IMG002");

    assertThat(f).singleElement().satisfies(x -> {
      assertThat(x.details()).containsEntry("wasted_bytes", "9000").containsEntry("efficiency", "0.1000")
          .containsEntry("top.01", "/tmp/build.tgz 8.8 KiB (deleted; layer 1)");
      assertThat(x.location().pointer()).isEqualTo("/tmp/build.tgz");
      assertThat(x.message()).contains("efficiency 10.0% is below 90.0%");
    });
  }

  @Test
  void wastedBytesOverTheLimit_areReportedEvenWithGoodEfficiency() {
    ImageSettings s = new ImageSettings(null, null, ByteSize.ofBytes(100), 0.5, null, null, null, null, null, null, null);
    ImageAnalysis a = image(List.of(
        List.of(LayerEntry.file("big", 100_000), LayerEntry.file("x", 200)), List.of(LayerEntry.file("x", 200))));

    assertThat(run(a, s, "IMG002")).singleElement()
        .satisfies(x -> assertThat(x.message()).contains("over the 100 B limit"));
  }

  @Test
  void imageWithoutWaste_passesIMG002() {
    ImageAnalysis a = image(List.of(List.of(LayerEntry.file("a", 10)), List.of(LayerEntry.file("b", 10))));

    assertThat(run(a, ImageSettings.DEFAULT, "IMG002")).isEmpty();
  }

  @Test
  void compilerMavenRepositoryGitAndSources_areEachReportedWithPathAndBytes() {
    ImageAnalysis a = image(List.of(List.of(
        LayerEntry.file("usr/bin/gcc-12", 900), LayerEntry.symlink("usr/bin/gcc", "gcc-12"),
        LayerEntry.file("usr/lib/gcc/x86_64-linux-gnu/12/cc1", 5000),
        LayerEntry.file("usr/lib/jvm/java-17/bin/javac", 100), LayerEntry.file("usr/lib/jvm/java-17/lib/modules", 7000),
        LayerEntry.file("home/builder/.m2/repository/org/x/1.0/x.jar", 3000),
        LayerEntry.file("root/.gradle/caches/y.jar", 400),
        LayerEntry.file("app/.git/objects/pack/p.pack", 800), LayerEntry.file("app/.git/HEAD", 20),
        LayerEntry.file("app/src/main/java/com/x/App.java", 50),
        LayerEntry.file("usr/local/go/bin/go", 1200), LayerEntry.file("usr/local/go/pkg/tool/linux_amd64/compile", 3000),
        LayerEntry.file("web/package.json", 5), LayerEntry.directory("web/src"), LayerEntry.file("web/node_modules/l/i.js", 60),
        LayerEntry.file("srv/node_modules/l/i.js", 70))));

    List<Finding> f = run(a, ImageSettings.DEFAULT, "IMG003");

    assertThat(f).extracting(x -> x.details().get("path") + " " + x.details().get("bytes")).containsExactlyInAnyOrder(
        "/usr/bin/gcc-12 900",
        "/usr/lib/gcc/x86_64-linux-gnu/12/cc1 5000",
        "/usr/lib/jvm/java-17 7100",
        "/home/builder/.m2 3000",
        "/root/.gradle 400",
        "/app/.git 820",
        "/app/src/main/java 50",
        "/usr/local/go 4200",
        "/web/node_modules 60");
    assertThat(f).allSatisfy(x -> {
      assertThat(x.severity()).isEqualTo(Severity.HIGH);
      assertThat(x.location().pointer()).isEqualTo(x.details().get("path"));
      assertThat(x.key()).isEqualTo(x.details().get("path"));
    });
  }

  @Test
  void directoryName_isFoundInTheDirectoriesOfPaths_notInSimilarFileOrDirectoryNames() {
    ImageAnalysis a = image(List.of(List.of(
        LayerEntry.file(".git/HEAD", 3), LayerEntry.file("a/.git/HEAD", 20), LayerEntry.file("a/.git/config", 30),
        LayerEntry.file("a/.github/ci.yml", 7), LayerEntry.file("b/.gitignore", 1), LayerEntry.file("b/x/.git/HEAD", 4))));

    assertThat(run(a, ImageSettings.DEFAULT, "IMG003"))
        .extracting(x -> x.details().get("path") + " " + x.details().get("bytes"))
        .containsExactlyInAnyOrder("/.git 3", "/a/.git 50", "/b/x/.git 4");
  }

  @Test
  void runtimeOnlyImage_passesIMG003() {
    ImageAnalysis a = image(List.of(List.of(
        LayerEntry.file("usr/lib/jvm/java-17-jre/bin/java", 100), LayerEntry.file("app/app.jar", 1000),
        LayerEntry.file("srv/node_modules/l/i.js", 70), LayerEntry.directory("app/.git"))));

    assertThat(run(a, ImageSettings.DEFAULT, "IMG003")).isEmpty();
  }

  @Test
  void configuredToolchainGlob_isReportedAsOneTree() {
    ImageSettings s = new ImageSettings(null, null, null, null, null, List.of("/opt/sdk/**"), null, null, null, null, null);
    ImageAnalysis a = image(List.of(List.of(LayerEntry.file("opt/sdk/bin/tool", 10), LayerEntry.file("opt/sdk/lib/x", 5))));

    assertThat(run(a, s, "IMG003")).singleElement()
        .satisfies(x -> assertThat(x.message()).contains("/opt/sdk", "15 B"));
  }

  @Test
  void aptListsPipAndNpmCaches_areReportedWithBytes() {
    ImageAnalysis a = image(List.of(
        List.of(LayerEntry.file("var/lib/apt/lists/deb.debian.org_Packages", 4000), LayerEntry.file("var/lib/apt/lists/lock", 0),
            LayerEntry.file("root/.cache/pip/wheels/a.whl", 300), LayerEntry.file("home/node/.npm/_cacache/x", 50),
            LayerEntry.file("var/cache/apk/APKINDEX.tar.gz", 20)),
        List.of(LayerEntry.file("var/cache/dnf/repo.solv", 10))));

    List<Finding> f = run(a, ImageSettings.DEFAULT, "IMG004");

    assertThat(f).extracting(x -> x.details().get("path") + " " + x.details().get("bytes") + " " + x.severity())
        .containsExactlyInAnyOrder("/var/lib/apt/lists 4000 MEDIUM", "/root/.cache/pip 300 MEDIUM",
            "/home/node/.npm 50 MEDIUM", "/var/cache/apk 20 MEDIUM", "/var/cache/dnf 10 MEDIUM");
    assertThat(f).filteredOn(x -> x.key().equals("/var/cache/dnf")).singleElement()
        .satisfies(x -> assertThat(x.details()).containsEntry("layer", "2").containsEntry("created_by", "RUN step 2"));
  }

  @Test
  void emptyAptListsAndCachesRemovedInTheSameLayer_passIMG004() {
    ImageAnalysis a = image(List.of(
        List.of(LayerEntry.directory("var/lib/apt/lists"), LayerEntry.file("var/lib/apt/lists/lock", 0),
            LayerEntry.directory("var/lib/apt/lists/partial")),
        List.of(LayerEntry.file("root/.cache/pip/x", 10)),
        List.of(LayerEntry.whiteout("root/.cache/pip"))));

    assertThat(run(a, ImageSettings.DEFAULT, "IMG004")).isEmpty();
  }

  @Test
  void everyRule_hasMetadataAndAUniqueImageId() {
    assertThat(ImageRules.RULES.metadata()).extracting(m -> m.id()).containsExactly("IMG001", "IMG002", "IMG003", "IMG004");
    assertThat(ImageRules.RULES.metadata()).allSatisfy(m -> {
      assertThat(m.category()).isEqualTo("image");
      assertThat(m.rationale()).isNotBlank();
      assertThat(m.fix()).isNotBlank();
    });
  }
}
