package io.deployguard.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.deployguard.policy.Baseline;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.Finding;
import io.deployguard.policy.ScanResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The baseline file: the fingerprints of accepted findings, with rule and resource beside each
 * so that a reviewer can read what was accepted.
 */
public final class BaselineFile {

  /** The file's JSON form. */
  public record Content(@JsonProperty("version") int version, @JsonProperty("findings") List<Entry> findings) {}

  /** One accepted finding. */
  public record Entry(
      @JsonProperty("fingerprint") String fingerprint,
      @JsonProperty("ruleId") String ruleId,
      @JsonProperty("resource") String resource) {}

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * Version 2 fingerprints name files from the repository root, images by repository and plan
   * findings with their plan; version 1 fingerprints named paths as typed and images with tags.
   */
  static final int VERSION = 2;

  private BaselineFile() {}

  /** The one line a run prints when it reads a version 1 baseline. */
  public static String migrationNote(Path path) {
    return path + ": a version 1 baseline (paths as typed, image tags); it still applies to inputs named as"
        + " when it was written; write its successor with --baseline " + path + " --write-baseline NEW.json"
        + " to make it independent of how paths and tags are written";
  }

  public static Baseline read(Path path) {
    try {
      Content c = JSON.readValue(BoundedFiles.read(path, BoundedFiles.MAX_BASELINE_BYTES, "baseline",
          "a baseline holds one line per accepted finding: is this the right file?"), Content.class);
      if (c == null || (c.version() != 1 && c.version() != VERSION) || c.findings() == null) {
        throw new ConfigException(path + ": not a deployguard baseline (version " + VERSION
            + " with findings[]); write one with --write-baseline");
      }
      Set<String> fps = new HashSet<>();
      for (Entry e : c.findings()) {
        if (e == null || e.fingerprint() == null) {
          throw new ConfigException(path + ": a baseline entry has no fingerprint; write the file again with --write-baseline");
        }
        fps.add(e.fingerprint());
      }
      return new Baseline(fps, c.version() == 1);
    } catch (NoSuchFileException e) {
      throw new ConfigException(path + ": baseline file not found (create it with --write-baseline " + path + ")");
    } catch (IOException e) {
      throw new ConfigException(path + ": not a deployguard baseline: " + problem(e) + " (write one with --write-baseline)");
    }
  }

  /** What is wrong, in the file's terms: Jackson's own messages name Java classes. */
  private static String problem(IOException e) {
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
      String at = j.getLocation() == null ? "" : "line " + j.getLocation().getLineNr() + ": ";
      if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
        return at + "unknown key '" + u.getPropertyName() + "'";
      }
      if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m) {
        String path = m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(java.util.stream.Collectors.joining("."));
        return at + "a value of the wrong type" + (path.isEmpty() ? "" : " at " + path);
      }
      String original = String.valueOf(j.getOriginalMessage()).lines().findFirst().orElse("");
      return at + original.replaceAll("\\([^()]*\\bclass [\\w.$]+\\)", "").replaceAll("[\\w]+(\\.[\\w$]+){2,}", "a value");
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return String.valueOf(e.getMessage()).lines().findFirst().orElse("cannot be read");
  }

  /** Records every finding that is not waived, so that the next run reports only new ones. */
  public static void write(Path path, ScanResult result) {
    List<Entry> entries = result.findings().stream()
        .filter(f -> f.suppression() == null || f.suppression().kind() == Finding.Suppression.Kind.BASELINE)
        .map(f -> new Entry(f.fingerprint(), f.ruleId(), f.resource()))
        .distinct()
        .sorted(Comparator.comparing(Entry::ruleId).thenComparing(Entry::resource).thenComparing(Entry::fingerprint))
        .toList();
    Content content = new Content(VERSION, entries);
    OutputFiles.write(path, "baseline", w -> JSON.writer().without(
        com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(w, content));
  }
}
