package io.deployguard.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The floor for the plan benchmark: Jackson reading every token of a file and nothing else, in a
 * JVM of its own, so that deployguard's time can be read against it on the same machine.
 */
public final class Tokenize {
  private Tokenize() {}

  public static void main(String[] args) throws IOException {
    long tokens = 0;
    try (JsonParser p = new JsonFactory().createParser(Files.newInputStream(Path.of(args[0])))) {
      while (p.nextToken() != null) {
        tokens++;
      }
    }
    System.out.println(tokens);
  }
}
