package io.deployguard.docker.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ImageHistory;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.deployguard.policy.Futures;
import io.deployguard.policy.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an image from a Docker Engine API (dockerd, or podman's compatible service) through
 * docker-java: inspect (the image exists; its layer list), history (the build steps), and the
 * layers from the image export ({@code GET /images/NAME/get}), streamed through the same one-pass
 * archive reader as a {@code docker save} file, never written to disk.
 */
final class DaemonReader {
  private DaemonReader() {}

  /** Handed to the config builder only, never to the transport: plain HTTP or a socket. */
  private static final com.github.dockerjava.core.SSLConfig NO_TLS = () -> {
    throw new IllegalStateException("TLS is off (DOCKER_TLS_VERIFY is not set)");
  };

  private static final String UNREACHABLE_HINT =
      "start the engine, or point --docker-host / DOCKER_HOST at its socket (podman: podman system service)";

  /**
   * Checks a {@code --docker-host} value.
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  static void checkHost(String host) {
    String scheme = host.contains("://") ? host.substring(0, host.indexOf("://")).toLowerCase(Locale.ROOT) : "";
    if (!List.of("unix", "tcp", "npipe").contains(scheme)) {
      throw new IllegalArgumentException("'" + host
          + "' is not a Docker host; write unix:///PATH/TO/SOCKET, tcp://HOST:PORT or npipe:////./pipe/NAME");
    }
  }

  /**
   * Reads the image within {@link ReadLimits#daemonTimeout()} in all: an engine that accepts the
   * connection and then says nothing, or trickles the export, cannot hold the run.
   */
  static ImageLayers read(ImageSource.Daemon src, String dockerHost, ReadLimits limits, Progress progress) {
    return read(src, dockerHost, limits, progress, System.getenv());
  }

  /** As {@link #read(ImageSource.Daemon, String, ReadLimits, Progress)}, with {@code env} for the process environment. */
  static ImageLayers read(ImageSource.Daemon src, String dockerHost, ReadLimits limits, Progress progress,
      java.util.Map<String, String> env) {
    java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "deployguard-docker-engine");
      t.setDaemon(true);
      return t;
    });
    java.util.concurrent.Future<ImageLayers> read = worker.submit(() -> readNow(src, dockerHost, limits, progress, env));
    try {
      return read.get(limits.daemonTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      read.cancel(true);
      throw new InputException(src.spec(), "", "the Docker Engine at " + (dockerHost != null ? dockerHost : "DOCKER_HOST")
          + " did not deliver the image within " + limits.daemonTimeout().toSeconds() + " s",
          "check that the engine answers (docker info), or raise image.daemon_timeout_seconds for a very large image");
    } catch (java.util.concurrent.ExecutionException e) {
      throw Futures.unwrapped(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InputException(src.spec(), "", "interrupted while reading from the Docker Engine", "run again");
    } finally {
      worker.shutdownNow();
    }
  }

  private static ImageLayers readNow(ImageSource.Daemon src, String dockerHost, ReadLimits limits, Progress progress,
      java.util.Map<String, String> env) {
    String spec = src.spec();
    String ref = src.reference();
    DockerTls tls;
    try {
      tls = DockerTls.fromEnv(env);
    } catch (InputException e) {
      // Reported against the image, which is what was not scanned; the problem names the file.
      throw new InputException(spec, "", e.input() + ": " + e.problem(), e.hint());
    }
    DefaultDockerClientConfig.Builder b = DefaultDockerClientConfig.createDefaultConfigBuilder();
    String configuredHost = dockerHost != null ? dockerHost : env.get("DOCKER_HOST");
    if (configuredHost != null && !configuredHost.isEmpty()) {
      b.withDockerHost(configuredHost);
    }
    // Always a custom SSL config, so that docker-java never makes its own (LocalDirectorySSLConfig needs
    // BouncyCastle, which the jar leaves out); the transport gets ours, or none without DOCKER_TLS_VERIFY.
    b.withDockerTlsVerify(false).withCustomSslConfig(tls != null ? tls : NO_TLS);
    DefaultDockerClientConfig config;
    try {
      config = b.build();
    } catch (RuntimeException e) {
      throw new InputException(spec, "", "cannot configure the Docker client: " + e.getMessage(),
          "check DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH");
    }
    URI host = config.getDockerHost();
    ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
        .dockerHost(host)
        .sslConfig(tls)
        .connectionTimeout(Duration.ofSeconds(10))
        .responseTimeout(Duration.ofMinutes(5))
        .build();
    try (DockerClient client = DockerClientImpl.getInstance(config, http)) {
      InspectImageResponse inspect = call(spec, host, ref, () -> client.inspectImageCmd(ref).exec());
      List<ImageHistory> history = call(spec, host, ref, () -> client.imageHistoryCmd(ref).exec());
      List<String> expected = inspect.getRootFS() == null || inspect.getRootFS().getLayers() == null
          ? List.of() : inspect.getRootFS().getLayers();
      long size = inspect.getSize() == null ? 0 : inspect.getSize();
      progress.start(spec, size, expected.size());
      ImageLayers image;
      try (InputStream in = call(spec, host, ref, () -> client.saveImageCmd(ref).exec())) {
        TarArchiveStore store = TarArchiveStore.read(BufferedInput.of(in), spec,
            "the engine's image export was cut off or malformed; try again", limits, progress);
        image = ImageAssembler.assemble(store, ArchiveFormat.DOCKER, spec, null, limits);
      } finally {
        progress.finish();
      }
      List<String> got = image.layers().stream().map(Layer::diffId).toList();
      if (!expected.isEmpty() && !expected.equals(got)) {
        throw new InputException(spec, "", "the exported image's layers " + got + " differ from the inspected "
            + expected, "the image changed while it was read; run again");
      }
      return new ImageLayers(ref, spec, inspect.getId(), withHistory(image.layers(), history));
    } catch (IOException e) {
      throw new InputException(spec, "", "cannot read from the Docker Engine at " + host + ": " + e.getMessage(),
          UNREACHABLE_HINT, e);
    }
  }

  /** Fills build steps the config lacked from the engine's history, when the counts agree. */
  private static List<Layer> withHistory(List<Layer> layers, List<ImageHistory> history) {
    boolean missing = layers.stream().anyMatch(l -> l.createdBy().isEmpty());
    if (!missing || history == null || history.size() != layers.size()) {
      return layers;
    }
    List<Layer> out = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      // The engine lists history newest first.
      String step = history.get(history.size() - 1 - i).getCreatedBy();
      out.add(l.createdBy().isEmpty() && step != null ? new Layer(l.index(), l.diffId(), step, l.entries(), l.bytes()) : l);
    }
    return out;
  }

  @FunctionalInterface
  private interface Call<T> {
    T run();
  }

  private static <T> T call(String spec, URI host, String ref, Call<T> call) {
    try {
      return call.run();
    } catch (NotFoundException e) {
      throw new InputException(spec, "", "no image '" + ref + "' in the Docker Engine at " + host,
          "build or pull it first, or check the name (docker images)");
    } catch (DockerException e) {
      throw new InputException(spec, "", "the Docker Engine at " + host + " answered HTTP " + e.getHttpStatus() + ": "
          + firstLine(e.getMessage()), UNREACHABLE_HINT);
    } catch (RuntimeException e) {
      Throwable root = e;
      boolean tls = false;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
        tls |= root instanceof javax.net.ssl.SSLException || root instanceof java.security.GeneralSecurityException;
      }
      String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
      throw new InputException(spec, "", (tls ? "TLS with the Docker Engine at " : "cannot reach the Docker Engine at ")
          + host + (tls ? " failed: " : ": ") + firstLine(why), tls
          ? "check that DOCKER_CERT_PATH's ca.pem signed the engine's certificate and the engine accepts cert.pem"
          : UNREACHABLE_HINT);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }
}
