package io.deployguard.jenkins.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A checksum as a Maven repository serves it next to an artifact: lower-case hex, optionally
 * followed by a file name ({@code sha256sum} style).
 *
 * @param algorithm the digest
 * @param hex the expected digest in lower-case hex
 */
public record Checksum(Algorithm algorithm, String hex) {

  /** The digests a repository may serve, strongest first. */
  public enum Algorithm {
    SHA256("SHA-256", ".sha256", 64),
    SHA1("SHA-1", ".sha1", 40);

    private final String jcaName;
    private final String extension;
    private final int hexLength;

    Algorithm(String jcaName, String extension, int hexLength) {
      this.jcaName = jcaName;
      this.extension = extension;
      this.hexLength = hexLength;
    }

    public String extension() {
      return extension;
    }

    /** A fresh digest of this algorithm. */
    public MessageDigest digest() {
      try {
        return MessageDigest.getInstance(jcaName);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(jcaName + " is required of every Java runtime", e);
      }
    }
  }

  private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

  public Checksum {
    if (hex.length() != algorithm.hexLength || !HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a " + algorithm + " digest: " + hex);
    }
  }

  /**
   * The checksum in the content of a {@code .sha256} or {@code .sha1} file.
   *
   * @param where the file's URL, for the message
   * @throws IllegalArgumentException naming the file when it holds no digest of that algorithm
   */
  public static Checksum parse(Algorithm algorithm, String content, String where) {
    String first = content.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    if (first.length() != algorithm.hexLength || !HEX.matcher(first).matches()) {
      throw new IllegalArgumentException(where + " holds no " + algorithm.jcaName + " digest");
    }
    return new Checksum(algorithm, first);
  }

  /** Whether {@code digest} (of this algorithm, finished) is the expected one. */
  public boolean matches(byte[] digest) {
    return MessageDigest.isEqual(HexFormat.of().formatHex(digest).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        hex.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }
}
