package io.deployguard.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy in front of moto that breaks a share of the requests it receives, in a
 * fixed cycle so that a run is repeatable: throttling ({@code 503 RequestLimitExceeded}), {@code
 * 500 InternalError}, a connection dropped before the request reaches moto, and a connection
 * dropped after moto answered (the caller never learns that the call happened). No two faults
 * are adjacent in the cycle. Counts every request and every fault.
 */
public final class FaultyProxy implements AutoCloseable {

  /** What the proxy does with one request. */
  public enum Fault { NONE, THROTTLE, SERVER_ERROR, DROP_BEFORE, DROP_AFTER }

  private static final List<Fault> CYCLE = List.of(Fault.NONE, Fault.THROTTLE, Fault.NONE, Fault.SERVER_ERROR,
      Fault.NONE, Fault.DROP_BEFORE, Fault.NONE, Fault.DROP_AFTER);

  private final ServerSocket server;
  private final URI target;
  private final AtomicInteger requests = new AtomicInteger();
  private final Map<Fault, AtomicInteger> faults = new ConcurrentHashMap<>();
  private final Thread acceptor;

  private FaultyProxy(ServerSocket server, URI target) {
    this.server = server;
    this.target = target;
    for (Fault f : Fault.values()) {
      faults.put(f, new AtomicInteger());
    }
    this.acceptor = new Thread(this::accept, "faulty-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A proxy on a free loopback port that forwards to {@code target}. */
  public static FaultyProxy start(URI target) {
    try {
      return new FaultyProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), target);
    } catch (IOException e) {
      throw new IllegalStateException("cannot open the proxy's port: " + e.getMessage(), e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** Requests received, faulty or not. */
  public int requests() {
    return requests.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> serve(s), "faulty-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
      while (true) {
        Request r = Request.read(in);
        if (r == null) {
          return;
        }
        int n = requests.getAndIncrement();
        Fault f = CYCLE.get(n % CYCLE.size());
        faults.get(f).incrementAndGet();

        switch (f) {
          case THROTTLE -> respond(out, 503, "text/xml", ec2Error("RequestLimitExceeded", "Request limit exceeded."));
          case SERVER_ERROR -> respond(out, 500, "text/xml", ec2Error("InternalError", "An internal error has occurred"));
          case DROP_BEFORE -> {
            return;
          }
          case DROP_AFTER -> {
            forward(r);
            return;
          }
          case NONE -> {
            Response resp = forward(r);
            respond(out, resp.status(), resp.contentType(), resp.body());
          }
        }
      }
    } catch (IOException e) {
      // the client went away; nothing to do
    }
  }

  private record Request(String method, String path, Map<String, String> headers, byte[] body) {
    static Request read(InputStream in) throws IOException {
      String line = readLine(in);
      while (line != null && line.isEmpty()) {
        line = readLine(in);
      }
      if (line == null) {
        return null;
      }
      String[] parts = line.split(" ");
      Map<String, String> headers = new LinkedHashMap<>();
      for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
        int colon = h.indexOf(':');
        headers.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
      }
      int length = 0;
      for (Map.Entry<String, String> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase("Content-Length")) {
          length = Integer.parseInt(e.getValue());
        }
      }
      return new Request(parts[0], parts[1], headers, in.readNBytes(length));
    }

    private static String readLine(InputStream in) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) != -1) {
        if (c == '\n') {
          String s = b.toString(StandardCharsets.ISO_8859_1);
          return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }
        b.write(c);
      }
      return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private record Response(int status, String contentType, byte[] body) {}

  private Response forward(Request r) throws IOException {
    HttpURLConnection c = (HttpURLConnection) target.resolve(r.path()).toURL().openConnection();
    c.setRequestMethod(r.method());
    List<String> skip = List.of("host", "content-length", "connection", "expect");
    r.headers().forEach((k, v) -> {
      if (!skip.contains(k.toLowerCase(Locale.ROOT))) {
        c.setRequestProperty(k, v);
      }
    });
    if (r.body().length > 0) {
      c.setDoOutput(true);
      try (OutputStream o = c.getOutputStream()) {
        o.write(r.body());
      }
    }
    int status = c.getResponseCode();
    InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream();
    byte[] bytes = body == null ? new byte[0] : body.readAllBytes();
    String type = c.getContentType() == null ? "text/xml" : c.getContentType();
    return new Response(status, type, bytes);
  }

  private static void respond(OutputStream out, int status, String type, String body) throws IOException {
    respond(out, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void respond(OutputStream out, int status, String type, byte[] body) throws IOException {
    String head = "HTTP/1.1 " + status + " X\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length
        + "\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  private static String ec2Error(String code, String message) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>" + code + "</Code><Message>"
        + message + "</Message></Error></Errors><RequestID>req-1</RequestID></Response>";
  }

  /** Every request counted so far, by fault. */
  public Map<Fault, Integer> counts() {
    Map<Fault, Integer> m = new LinkedHashMap<>();
    for (Fault f : Fault.values()) {
      m.put(f, faults.get(f).get());
    }
    return m;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing
    }
  }
}
