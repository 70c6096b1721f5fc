package io.deployguard.docker.image;

import io.deployguard.policy.InputException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/** Reads an image from any {@link ImageSource} into {@link ImageLayers}. */
public final class ImageReader {
  private ImageReader() {}

  /**
   * How to read.
   *
   * @param dockerHost the Docker Engine to ask ({@code unix:///run/podman/podman.sock}), or null
   *     for {@code DOCKER_HOST} or the default socket
   * @param limits bounds against hostile archives
   * @param progress where to report progress
   */
  public record Options(String dockerHost, ReadLimits limits, Progress progress) {
    public static final Options DEFAULT = new Options(null, ReadLimits.DEFAULT, Progress.SILENT);

    public Options {
      limits = limits == null ? ReadLimits.DEFAULT : limits;
      progress = progress == null ? Progress.SILENT : progress;
      if (dockerHost != null) {
        DaemonReader.checkHost(dockerHost);
      }
    }
  }

  /**
   * Parses {@code spec} ({@code docker-archive:PATH}, a bare path or reference ...) and reads it.
   *
   * @throws InputException when the source cannot be read as an image
   */
  public static ImageLayers read(String spec, Options options) {
    return read(ImageSource.parse(spec), options);
  }

  /** @throws InputException when the source cannot be read as an image */
  public static ImageLayers read(ImageSource source, Options options) {
    if (source instanceof ImageSource.Daemon d) {
      return DaemonReader.read(d, options.dockerHost(), options.limits(), options.progress());
    }
    if (source instanceof ImageSource.Archive a) {
      return archive(a, options);
    }
    ImageSource.Layout l = (ImageSource.Layout) source;
    options.progress().start(l.spec(), 0, 0);
    try {
      DirectoryStore store = new DirectoryStore(l.dir(), l.spec(), options.limits(), options.progress());
      return ImageAssembler.assemble(store, ArchiveFormat.OCI, l.spec(), l.reference(), options.limits());
    } finally {
      options.progress().finish();
    }
  }

  private static ImageLayers archive(ImageSource.Archive a, Options options) {
    String remedy = switch (a.format()) {
      case DOCKER -> "save it again (docker save IMAGE -o FILE)";
      case OCI -> "save it again (podman save --format oci-archive IMAGE -o FILE)";
      case ANY -> "save it again (docker save IMAGE -o FILE)";
    };
    try (FileChannel ch = FileChannel.open(a.path(), StandardOpenOption.READ)) {
      options.progress().start(a.spec(), ch.size(), 0);
      TarArchiveStore store = TarArchiveStore.read(BufferedInput.of(ch), a.spec(), remedy, options.limits(),
          options.progress());
      ImageLayers image = ImageAssembler.assemble(store, a.format(), a.spec(), a.reference(), options.limits());
      // What follows the end-of-archive marker is padding; the read is complete.
      options.progress().bytes(ch.size());
      return image;
    } catch (IOException e) {
      throw new InputException(a.spec(), "", "cannot read: " + e.getMessage(), "check the file's permissions", e);
    } finally {
      options.progress().finish();
    }
  }
}
