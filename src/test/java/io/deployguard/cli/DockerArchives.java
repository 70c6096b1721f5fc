package io.deployguard.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Small docker-archives ({@code docker save} output) for command tests. */
final class DockerArchives {
  private DockerArchives() {}

  /**
   * A docker-archive in {@code dir} with one layer holding {@code files} (path, size), tagged
   * {@code tag}, with the manifest last.
   */
  static Path oneLayer(Path dir, String name, String tag, List<Object[]> files) throws IOException {
    Path layer = dir.resolve(name + "-layer.tar");
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(Files.newOutputStream(layer))) {
      for (Object[] f : files) {
        put(t, (String) f[0], new byte[(Integer) f[1]]);
      }
    }
    Path archive = dir.resolve(name + ".tar");
    String config = "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:aa\"]},\"history\":[{\"created_by\":\"RUN x\"}]}";
    String manifest = "[{\"Config\":\"config.json\",\"RepoTags\":[\"" + tag + "\"],\"Layers\":[\"l/layer.tar\"]}]";
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(Files.newOutputStream(archive))) {
      put(t, "l/layer.tar", Files.readAllBytes(layer));
      put(t, "config.json", config.getBytes());
      put(t, "manifest.json", manifest.getBytes());
    }
    return archive;
  }

  private static void put(TarArchiveOutputStream t, String name, byte[] data) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(data.length);
    t.putArchiveEntry(e);
    t.write(data);
    t.closeArchiveEntry();
  }
}
