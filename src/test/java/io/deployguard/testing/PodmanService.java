package io.deployguard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * podman's Docker-compatible Engine API on a private socket, with its own storage (vfs, under the
 * given directory) so that tests neither need nor touch a system engine. Start it with {@link
 * #start(Path)}, point docker-java at {@link #dockerHost()}, build fixture images with {@link
 * #build(Path, String)} ({@code --isolation=chroot}: no container runtime needed), export them
 * with {@link #save} and {@link #push}, and {@link #close()} it. Guard a test with
 * {@code RealComponent.require("podman", PodmanService.available(), PodmanService.HOW)}.
 */
public final class PodmanService implements AutoCloseable {

  /** How to get podman and busybox-static, for {@link RealComponent#require}. */
  public static final String HOW = "apt-get install podman busybox-static";

  private static final long COMMAND_TIMEOUT_MINUTES = 5;

  private final Path dir;
  private final Path socket;
  private final Process service;

  private PodmanService(Path dir, Path socket, Process service) {
    this.dir = dir;
    this.socket = socket;
    this.service = service;
  }

  /** Whether podman is on the PATH and a static busybox is there to build images from scratch. */
  public static boolean available() {
    return RealComponent.onPath("podman") && Files.isExecutable(busybox());
  }

  /** The static busybox that fixture images copy in as their only binary. */
  public static Path busybox() {
    return Path.of("/bin/busybox");
  }

  /**
   * Starts {@code podman system service} with storage under {@code dir} and waits until the API
   * answers {@code /_ping}.
   */
  public static PodmanService start(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path socket = dir.resolve("podman.sock");
    List<String> cmd = global(dir);
    cmd.addAll(List.of("system", "service", "--time", "0", "unix://" + socket));
    Process p = new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("service.log").toFile())
        .start();
    PodmanService s = new PodmanService(dir, socket, p);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("podman system service exited with " + p.exitValue() + ": "
            + Files.readString(dir.resolve("service.log")));
      }
      if (Files.exists(socket) && s.ping()) {
        return s;
      }
      Thread.sleep(100);
    }
    s.close();
    throw new IllegalStateException("podman system service did not answer on " + socket + " within 60 s");
  }

  /** {@code unix:///.../podman.sock}, for {@code --docker-host} and {@code DOCKER_HOST}. */
  public String dockerHost() {
    return "unix://" + socket;
  }

  public Path socket() {
    return socket;
  }

  /** Builds {@code contextDir/Containerfile} as {@code tag}. */
  public void build(Path contextDir, String tag) throws IOException, InterruptedException {
    run("build", "--isolation=chroot", "-t", tag, "-f", contextDir.resolve("Containerfile").toString(),
        contextDir.toString());
  }

  /** {@code podman save --format FORMAT -o OUT TAG}; FORMAT is docker-archive, oci-archive, oci-dir ... */
  public void save(String tag, String format, Path out) throws IOException, InterruptedException {
    run("save", "--format", format, "-o", out.toString(), tag);
  }

  /** {@code podman push TAG DESTINATION}, for example {@code oci:/tmp/layout}. */
  public void push(String tag, String destination) throws IOException, InterruptedException {
    run("push", tag, destination);
  }

  /**
   * Copies a build context (a resource directory holding a Containerfile) to {@code target},
   * adding {@code busybox} beside it for {@code COPY busybox /bin/busybox}.
   */
  public static Path contextWithBusybox(Path resourceDir, Path target) throws IOException {
    Files.createDirectories(target);
    try (Stream<Path> files = Files.walk(resourceDir)) {
      for (Path f : files.toList()) {
        Path t = target.resolve(resourceDir.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Files.copy(busybox(), target.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  /** Runs a podman command against this service's storage; returns its output. */
  public String run(String... args) throws IOException, InterruptedException {
    List<String> cmd = global(dir);
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile(dir, "cmd", ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(COMMAND_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", cmd) + " took more than " + COMMAND_TIMEOUT_MINUTES + " min");
    }
    String out = Files.readString(log);
    if (p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed with " + p.exitValue() + ":\n" + out);
    }
    return out;
  }

  private static List<String> global(Path dir) {
    List<String> cmd = new ArrayList<>(List.of("podman"));
    cmd.addAll(storageFlags(dir));
    return cmd;
  }

  /**
   * The global podman flags that keep its storage under {@code dir} (vfs, no system engine), for
   * scripts that run podman themselves.
   */
  public static List<String> storageFlags(Path dir) {
    return List.of(
        "--root", dir.resolve("root").toString(),
        "--runroot", dir.resolve("runroot").toString(),
        "--storage-driver", "vfs",
        "--cgroup-manager", "cgroupfs",
        "--events-backend", "file");
  }

  private boolean ping() {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      ch.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: d\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
      InputStream in = Channels.newInputStream(ch);
      String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      return head.startsWith("HTTP/1.") && head.endsWith("200");
    } catch (IOException e) {
      return false;
    }
  }

  /** Stops the service (the process this object started) and waits for it. */
  @Override
  public void close() {
    service.destroy();
    try {
      if (!service.waitFor(20, TimeUnit.SECONDS)) {
        service.destroyForcibly();
        service.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
