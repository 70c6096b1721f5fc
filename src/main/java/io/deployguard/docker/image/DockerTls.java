package io.deployguard.docker.image;

import com.github.dockerjava.core.SSLConfig;
import io.deployguard.policy.InputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Mutual TLS to a Docker Engine the way the Docker CLI sets it up when {@code DOCKER_TLS_VERIFY} is
 * set: the engine's certificate must chain to {@code ca.pem}, and deployguard shows {@code
 * cert.pem} with {@code key.pem}, all from {@code DOCKER_CERT_PATH} (default {@code ~/.docker}).
 * Only the JDK reads them: the key may be PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 RSA ({@code
 * BEGIN RSA PRIVATE KEY}) or SEC1 EC ({@code BEGIN EC PRIVATE KEY}); the last two are wrapped into
 * PKCS#8 by a small bounded DER reader. The files are read when the value is made, so a bad file
 * is reported before any connection.
 */
final class DockerTls implements SSLConfig {
  private static final int MAX_PEM_BYTES = 1 << 20;
  private static final byte[] RSA_ENCRYPTION = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
  private static final byte[] EC_PUBLIC_KEY = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

  private final SSLContext context;

  private DockerTls(SSLContext context) {
    this.context = context;
  }

  /**
   * The TLS setup {@code env} asks for, or null when {@code DOCKER_TLS_VERIFY} is unset or empty
   * (as for the Docker CLI, any other value turns verification on).
   *
   * @throws InputException naming the certificate or key file that cannot be used, and the fix
   */
  static DockerTls fromEnv(Map<String, String> env) {
    String verify = env.get("DOCKER_TLS_VERIFY");
    if (verify == null || verify.isEmpty()) {
      return null;
    }
    String certPath = env.get("DOCKER_CERT_PATH");
    Path dir = certPath != null && !certPath.isEmpty() ? Path.of(certPath)
        : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".docker");
    return load(dir);
  }

  /** Reads {@code ca.pem}, {@code cert.pem} and {@code key.pem} from {@code dir}. */
  static DockerTls load(Path dir) {
    Path caFile = dir.resolve("ca.pem");
    Path certFile = dir.resolve("cert.pem");
    Path keyFile = dir.resolve("key.pem");
    Collection<? extends Certificate> ca = certificates(caFile);
    Collection<? extends Certificate> chain = certificates(certFile);
    PrivateKey key = privateKey(keyFile);
    if (!belongTogether(key, chain.iterator().next())) {
      throw new InputException(keyFile.toString(), "", "the key does not belong to the certificate in "
          + certFile.getFileName(), "write the key that belongs to cert.pem, or the certificate made for this key");
    }
    if (!oneChain(chain)) {
      // The key store would refuse it with "Certificate chain is not valid", which names no file.
      throw new InputException(certFile.toString(), "", "its certificates are not one chain",
          "write the client certificate first, then each certificate that issued the one before it, or only the"
              + " client certificate");
    }
    try {
      char[] none = new char[0];
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("client", key, none, chain.toArray(Certificate[]::new));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, none);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int i = 0;
      for (Certificate c : ca) {
        trust.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return new DockerTls(context);
    } catch (GeneralSecurityException | IOException e) {
      // The pair belongs together and the chain is one: what is left is the JDK refusing the files for TLS.
      throw new InputException(dir.toString(), "", "ca.pem, cert.pem and key.pem cannot be set up for TLS: "
          + e.getMessage(), "write the files the engine's TLS setup gave you (RSA or EC keys and certificates)");
    }
  }

  /** Whether each certificate after the first issued the one before it, as a key store requires. */
  private static boolean oneChain(Collection<? extends Certificate> chain) {
    X509Certificate previous = null;
    for (Certificate c : chain) {
      X509Certificate x = (X509Certificate) c;
      if (previous != null && !previous.getIssuerX500Principal().equals(x.getSubjectX500Principal())) {
        return false;
      }
      previous = x;
    }
    return true;
  }

  /**
   * Whether {@code key} is the private half of {@code cert}'s public key: it signs a few bytes and
   * the certificate's key checks the signature. A pair that does not belong together would
   * otherwise fail only in the handshake, where the engine's refusal does not name key.pem.
   */
  private static boolean belongTogether(PrivateKey key, Certificate cert) {
    byte[] probe = "deployguard".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature sign = Signature.getInstance(key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA");
      sign.initSign(key);
      sign.update(probe);
      byte[] signature = sign.sign();
      Signature verify = Signature.getInstance(sign.getAlgorithm());
      verify.initVerify(cert.getPublicKey());
      verify.update(probe);
      return verify.verify(signature);
    } catch (GeneralSecurityException e) {
      // A certificate for another kind of key (an EC certificate beside an RSA key) lands here.
      return false;
    }
  }

  @Override
  public SSLContext getSSLContext() {
    return context;
  }

  private static Collection<? extends Certificate> certificates(Path file) {
    byte[] pem = readPem(file, "certificate");
    try {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
      if (certs.isEmpty()) {
        throw new java.security.cert.CertificateException("no certificate in it");
      }
      return certs;
    } catch (java.security.cert.CertificateException e) {
      throw new InputException(file.toString(), "", "not a PEM certificate file: " + e.getMessage(),
          "write the PEM certificate(s) (-----BEGIN CERTIFICATE-----) the engine's TLS setup gave you");
    }
  }

  private static PrivateKey privateKey(Path file) {
    String text = new String(readPem(file, "private key"), StandardCharsets.US_ASCII);
    String fix = "write an unencrypted PKCS#8, PKCS#1 RSA or SEC1 EC key "
        + "(openssl pkcs8 -topk8 -nocrypt -in KEY -out key.pem)";
    if (text.contains("ENCRYPTED")) {
      throw new InputException(file.toString(), "", "the private key is encrypted, and deployguard asks for no passphrase",
          "decrypt it: " + fix.substring(fix.indexOf('(') + 1, fix.length() - 1));
    }
    try {
      for (String label : new String[] {"PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"}) {
        byte[] der = block(text, label);
        if (der == null) {
          continue;
        }
        byte[] pkcs8 = switch (label) {
          case "RSA PRIVATE KEY" -> pkcs8(seq(tlv(0x06, RSA_ENCRYPTION), tlv(0x05, new byte[0])), der);
          case "EC PRIVATE KEY" -> pkcs8(seq(tlv(0x06, EC_PUBLIC_KEY), tlv(0x06, sec1Curve(der))), der);
          default -> der;
        };
        return KeyFactory.getInstance(algorithm(pkcs8)).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new InputException(file.toString(), "", "cannot read the private key: " + e.getMessage(), fix);
    }
    throw new InputException(file.toString(), "", "no PEM private key in it", fix);
  }

  private static byte[] readPem(Path file, String what) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new InputException(file.toString(), "", "no " + what + " file there (DOCKER_TLS_VERIFY is set)",
            "put ca.pem, cert.pem and key.pem into DOCKER_CERT_PATH (default ~/.docker), or unset DOCKER_TLS_VERIFY");
      }
      if (Files.size(file) > MAX_PEM_BYTES) {
        throw new InputException(file.toString(), "", "larger than " + MAX_PEM_BYTES + " bytes: not a PEM " + what,
            "point DOCKER_CERT_PATH at the engine's TLS files");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InputException(file.toString(), "", "cannot read it: " + e.getMessage(), "check its permissions");
    }
  }

  /** The Base64 body of the first {@code -----BEGIN label-----} block, or null. */
  private static byte[] block(String text, String label) {
    String begin = "-----BEGIN " + label + "-----";
    int at = text.indexOf(begin);
    if (at < 0) {
      return null;
    }
    int end = text.indexOf("-----END " + label + "-----", at);
    if (end < 0) {
      throw new IllegalArgumentException("the " + label + " block has no END line");
    }
    return Base64.getMimeDecoder().decode(text.substring(at + begin.length(), end));
  }

  /** The algorithm of a PKCS#8 PrivateKeyInfo, for the key factory. */
  private static String algorithm(byte[] pkcs8) {
    Der info = Der.of(pkcs8, 0x30);
    info.next(0x02);
    byte[] oid = info.next(0x30).next(0x06).content();
    if (Arrays.equals(oid, RSA_ENCRYPTION)) {
      return "RSA";
    }
    if (Arrays.equals(oid, EC_PUBLIC_KEY)) {
      return "EC";
    }
    throw new IllegalArgumentException("its algorithm is neither RSA nor EC");
  }

  /** The named curve of a SEC1 ECPrivateKey, from its {@code [0]} parameters. */
  private static byte[] sec1Curve(byte[] sec1) {
    Der key = Der.of(sec1, 0x30);
    key.next(0x02);
    key.next(0x04);
    while (key.hasNext()) {
      Der field = key.next(-1);
      if (field.tag() == 0xa0) {
        return field.inner().next(0x06).content();
      }
    }
    throw new IllegalArgumentException("the EC key names no curve; write it with its parameters (openssl ec -param_out)");
  }

  private static byte[] pkcs8(byte[] algorithmIdentifier, byte[] key) {
    return seq(tlv(0x02, new byte[] {0}), algorithmIdentifier, tlv(0x04, key));
  }

  private static byte[] seq(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return tlv(0x30, out.toByteArray());
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else {
      int bytes = n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(n >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  /**
   * A DER value and a cursor over the values inside it. Every length is checked against what is
   * left, so a malformed key fails with a message, never reads past its bytes.
   */
  private static final class Der {
    private final byte[] buf;
    private final int tag;
    private final int start;
    private final int end;
    private int pos;

    private Der(byte[] buf, int tag, int start, int end) {
      this.buf = buf;
      this.tag = tag;
      this.start = start;
      this.end = end;
      this.pos = start;
    }

    /** The single value filling {@code der}, which must have tag {@code tag}. */
    static Der of(byte[] der, int tag) {
      Der all = new Der(der, -1, 0, der.length);
      Der v = all.next(tag);
      if (all.hasNext()) {
        throw new IllegalArgumentException("bytes after the DER value");
      }
      return v;
    }

    int tag() {
      return tag;
    }

    byte[] content() {
      return Arrays.copyOfRange(buf, start, end);
    }

    /** The content of this value read as one value (for an explicit tag such as {@code [0]}). */
    Der inner() {
      return new Der(buf, -1, start, end);
    }

    boolean hasNext() {
      return pos < end;
    }

    /** The next value inside this one; {@code expected} is its tag, or -1 for any. */
    Der next(int expected) {
      if (end - pos < 2) {
        throw new IllegalArgumentException("the DER structure ends early");
      }
      int t = buf[pos++] & 0xff;
      if (expected >= 0 && t != expected) {
        throw new IllegalArgumentException(String.format("unexpected DER tag 0x%02x where 0x%02x belongs", t, expected));
      }
      int len = buf[pos++] & 0xff;
      if (len >= 0x80) {
        int bytes = len & 0x7f;
        if (bytes == 0 || bytes > 3 || end - pos < bytes) {
          throw new IllegalArgumentException("a DER length is malformed");
        }
        len = 0;
        for (int i = 0; i < bytes; i++) {
          len = (len << 8) | (buf[pos++] & 0xff);
        }
      }
      if (len > end - pos) {
        throw new IllegalArgumentException("a DER length runs past the end");
      }
      Der v = new Der(buf, t, pos, pos + len);
      pos += len;
      return v;
    }
  }
}
