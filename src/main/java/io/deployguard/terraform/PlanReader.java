package io.deployguard.terraform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.deployguard.policy.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code terraform show -json} output in one streaming pass with bounded memory: only the
 * resources whose types matter are read into small trees; everything else is skipped, checked as
 * JSON but not built, mostly by {@link PlanParser#skipPlain} without making tokens. Values come
 * from {@code resource_changes[].change.after} with {@code after_unknown}; only when a plan has
 * no {@code resource_changes} is {@code planned_values} read, in a second pass, so the sections
 * may come in any order. Resources of data sources, and resources planned
 * for deletion only, are left out. In a plan of {@link ChangeChunks#MIN_SIZE} or more, the end of
 * {@code resource_changes} is read on a second core ({@link ChangeChunks}), with the same result.
 *
 * <p>Anything that is not a readable plan throws {@link InputException} naming the file, the
 * place ({@code line 12, column 4} or a JSON path) and what to do.
 */
public final class PlanReader {

  /**
   * Limits for plan JSON. Real plans nest about 20 levels deep (modules, nested blocks), hold
   * numbers of a few digits and strings of at most a few MB (policies, user data); the limits
   * leave wide room for that and stop hostile or broken input before it costs memory. Plans up
   * to 4 GiB are accepted.
   */
  static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
      .maxNestingDepth(256)
      .maxNumberLength(100)
      .maxStringLength(16 * 1024 * 1024)
      .maxNameLength(64 * 1024)
      .maxDocumentLength(4L * 1024 * 1024 * 1024)
      .build();

  /**
   * Duplicate keys are rejected everywhere in the document, but by the reader itself ({@link
   * DuplicateKeys}) rather than by Jackson's {@code STRICT_DUPLICATE_DETECTION}: that check
   * allocates a hash set for every object of three or more keys, which on a 130 MB plan cost
   * about as much as the parsing; and switching it off only for skipped parts makes the parser's
   * compiled code deoptimise between the two modes.
   */
  private static final JsonFactory FACTORY = factory(PlanParser.BUFFER);

  /** The reader's parsers, reading {@code buffer} bytes at a time (tests cut values with small buffers). */
  static JsonFactory factory(int buffer) {
    return new PlanParser.Factory(new JsonFactoryBuilder()
        .streamReadConstraints(CONSTRAINTS)
        .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION), buffer);
  }

  private static final String REGENERATE = "write the plan with 'terraform plan -out=tfplan && terraform show -json tfplan > plan.json'";

  private final Path path;
  private final String file;
  private final ResourceExtractor extracted;
  private PlanReader(Path path, String file) {
    this.path = path;
    this.file = file;
    this.extracted = new ResourceExtractor(file);
  }

  /**
   * Reads the plan at {@code path}.
   *
   * @throws InputException when the file cannot be read or is not a Terraform plan in JSON
   */
  public static Plan read(Path path) {
    return read(path, ChangeChunks.MIN_SIZE, ChangeChunks.PIECE, null);
  }

  /**
   * Reads the plan at {@code path}; when it is a regular file of {@code minSize} bytes or more, the
   * end of its {@code resource_changes} is read on a second core in pieces of about {@code piece}
   * bytes.
   *
   * @param tookOver for tests, or null: then the reader waits for the worker at every seam, and
   *     {@code tookOver[0]} tells whether the worker's pieces were taken
   */
  static Plan read(Path path, long minSize, long piece, boolean[] tookOver) {
    PlanReader reader = new PlanReader(path, path.toString());
    if (Files.isRegularFile(path) || !Files.exists(path)) {
      reader.startChunks(minSize, piece, tookOver != null);
      try {
        return reader.read();
      } finally {
        if (reader.chunks != null) {
          reader.chunks.cancel();
        }
        if (tookOver != null) {
          tookOver[0] = reader.tookOver;
        }
      }
    }
    // A pipe (/dev/stdin, <(terraform show -json ...)) can be read once, and a plan with only
    // planned_values needs a second pass: the first pass keeps a copy of what it read.
    try {
      reader.spool = Files.createTempFile("deployguard-plan", ".json");
      return reader.read();
    } catch (IOException e) {
      throw new InputException(reader.file, "", "cannot be read: " + e.getMessage(), "check the path and its permissions");
    } finally {
      try {
        Files.deleteIfExists(reader.spool);
      } catch (IOException ignored) {
        // a temporary copy left behind is no reason to fail the scan
      }
    }
  }

  /** Where the first pass copies a pipe for the second, or null for a regular file. */
  private Path spool;

  private InputStream source(boolean secondPass) throws IOException {
    if (secondPass) {
      // The first pass checked the encoding.
      return Files.newInputStream(spool == null ? path : spool);
    }
    if (spool == null) {
      return new StrictUtf8(Files.newInputStream(path), file, () -> Files.newInputStream(path));
    }
    java.io.OutputStream copy = Files.newOutputStream(spool);
    // The bytes before a malformed one are in the copy when the check reports it.
    Path copied = spool;
    return new java.io.FilterInputStream(new StrictUtf8(Files.newInputStream(path), file, () -> Files.newInputStream(copied))) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          copy.write(b);
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          copy.write(b, off, n);
        }
        return n;
      }

      @Override
      public long skip(long n) throws IOException {
        return read(new byte[(int) Math.min(n, 8192)], 0, (int) Math.min(n, 8192));
      }

      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          copy.close();
        }
      }
    };
  }

  /** The pieces of {@code resource_changes} a second core reads, or null. */
  private ChangeChunks chunks;
  /** Whether the pieces read the end of the document. */
  private boolean tookOver;

  /**
   * Starts reading pieces of the plan on a second core when the plan is large enough, the machine
   * has one, and the file is within the parser's 4 GiB (above it, the reader alone refuses it).
   */
  private void startChunks(long minSize, long piece, boolean workerFirst) {
    try {
      long size = Files.size(path);
      if (size < minSize || size >= CONSTRAINTS.getMaxDocumentLength() || Runtime.getRuntime().availableProcessors() < 2) {
        return;
      }
      chunks = ChangeChunks.start(path, size, piece, this::piece, workerFirst);
    } catch (IOException e) {
      // The reader reports what is wrong with the file.
      chunks = null;
    }
  }

  /** Opens a piece as {@code {"resource_changes":[} followed by the file from the piece's start. */
  private static final byte[] PIECE_PREFIX = "{\"resource_changes\":[".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /**
   * Reads the piece from the element at {@code start} up to the next seam it meets right after an
   * element, or to the end of the document; null when it meets none of them (its start or the next
   * seam was a look-alike). Errors are thrown, as by the reader; the worker discards them.
   */
  private ChangeChunks.Piece piece(ChangeChunks chunks, int index, long start) throws IOException {
    PlanReader r = new PlanReader(path, file);
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(path)) {
      ch.position(start);
      InputStream body = new StrictUtf8(java.nio.channels.Channels.newInputStream(ch), file, () -> Files.newInputStream(path));
      try (InputStream in = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(PIECE_PREFIX), body);
          JsonParser p = FACTORY.createParser(in)) {
        if (!(p instanceof ParserBase parser)) {
          return null;
        }
        p.nextToken();
        DuplicateKeys.ObjectKeys seen = new DuplicateKeys.ObjectKeys();
        seen.add(p, p.nextFieldName());
        p.nextToken();
        long shift = start - PIECE_PREFIX.length;
        int seam = index + 1;
        int i = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          if (t != JsonToken.START_OBJECT || chunks.cancelled()) {
            return null;
          }
          r.resourceChange(p, i++);
          long end = parser.getTokenCharacterOffset() + shift;
          while (seam < chunks.seams() && chunks.end(seam) < end) {
            seam++;
          }
          if (seam < chunks.seams() && chunks.end(seam) == end) {
            return new ChangeChunks.Piece(index, r.extracted, seam, parser.getTokenLineNr(), null);
          }
        }
        Summary rest = new Summary();
        String name;
        while ((name = p.nextFieldName()) != null) {
          seen.add(p, name);
          r.topLevel(p, name, p.nextToken(), rest);
        }
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
          return null;
        }
        return new ChangeChunks.Piece(index, r.extracted, -1, 0, rest);
      }
    }
  }

  /** What the first pass learnt about the document. */
  static final class Summary {
    String formatVersion;
    String terraformVersion;
    boolean plannedValues;
    boolean resourceChanges;
    boolean stateValues;
    boolean errored;
    final List<String> topLevelKeys = new ArrayList<>();
  }

  private Plan read() {
    Summary s = new Summary();
    pass(false, s);
    check(s);
    if (!s.resourceChanges) {
      pass(true, s);
    }
    return new Plan(file, s.formatVersion, s.terraformVersion, extracted.records());
  }

  /** One pass over the document: resource changes in the first, planned values in the second. */
  private void pass(boolean plannedValuesPass, Summary s) {
    JsonParser open = null;
    try (InputStream in = source(plannedValuesPass); JsonParser p = FACTORY.createParser(in)) {
      open = p;
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new InputException(file, "start of file", "the file is empty, not a Terraform plan", REGENERATE);
      }
      if (first != JsonToken.START_OBJECT) {
        throw new InputException(file, at(p.currentTokenLocation()),
            "not a Terraform plan: the document is " + kind(first) + ", not an object", REGENERATE);
      }
      String name;
      DuplicateKeys.ObjectKeys seen = new DuplicateKeys.ObjectKeys();
      while ((name = p.nextFieldName()) != null) {
        seen.add(p, name);
        JsonToken v = p.nextToken();
        if (plannedValuesPass) {
          if (name.equals("planned_values")) {
            expect(p, v, JsonToken.START_OBJECT, "planned_values", "an object");
            plannedValues(p, "planned_values");
          } else {
            skip(p);
          }
          continue;
        }
        if (topLevel(p, name, v, s)) {
          return;
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw new InputException(file, at(p.currentTokenLocation()), "not valid JSON: expected a field name", REGENERATE);
      }
      JsonToken trailing = p.nextToken();
      if (trailing != null) {
        throw new InputException(file, at(p.currentTokenLocation()),
            "not a single JSON document: more content follows the plan object", REGENERATE);
      }
    } catch (StreamConstraintsException e) {
      throw new InputException(file, at(e.getLocation() != null ? e.getLocation() : open.currentLocation()), "exceeds a limit for plan JSON: " + firstLine(e.getOriginalMessage()),
          "deployguard refuses JSON nested over 256 levels, numbers over 100 digits, strings over 16 MiB and files over 4 GiB;"
              + " check that this is a terraform plan", e);
    } catch (JsonProcessingException e) {
      String binary = binaryKind();
      String problem = binary != null ? "not JSON but " + binary : "not valid JSON: " + firstLine(e.getOriginalMessage());
      throw new InputException(file, at(e.getLocation()), problem, REGENERATE, e);
    } catch (NoSuchFileException e) {
      throw new InputException(file, "", "no such file", "check the path of the plan", e);
    } catch (AccessDeniedException e) {
      throw new InputException(file, "", "permission denied", "make the file readable", e);
    } catch (IOException e) {
      throw new InputException(file, "", "cannot be read: " + firstLine(e.getMessage()), "check the path of the plan", e);
    }
  }

  /**
   * One top-level field of the first pass, the parser at its value; true when the rest of the
   * document was read by the pieces of a second core.
   */
  private boolean topLevel(JsonParser p, String name, JsonToken v, Summary s) throws IOException {
    s.topLevelKeys.add(name);
    switch (name) {
      case "format_version" -> {
        expect(p, v, JsonToken.VALUE_STRING, name, "a string such as \"1.2\"");
        s.formatVersion = PlanTree.text(p);
        checkFormatVersion(s.formatVersion, p);
      }
      case "terraform_version" -> {
        expect(p, v, JsonToken.VALUE_STRING, name, "a string");
        s.terraformVersion = PlanTree.text(p);
      }
      case "planned_values" -> {
        expect(p, v, JsonToken.START_OBJECT, name, "an object");
        s.plannedValues = true;
        skip(p);
      }
      case "resource_changes" -> {
        expect(p, v, JsonToken.START_ARRAY, name, "a list");
        s.resourceChanges = true;
        return resourceChanges(p, s);
      }
      case "values" -> {
        s.stateValues = true;
        skip(p);
      }
      case "errored" -> {
        if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
          throw wrongType(p, "errored", "true or false", v);
        }
        s.errored = v == JsonToken.VALUE_TRUE;
      }
      default -> skip(p);
    }
    return false;
  }

  /** Names a binary file that people mistake for a plan, from its first bytes; else null. */
  private String binaryKind() {
    byte[] head = new byte[4];
    int n;
    try (InputStream in = Files.newInputStream(path)) {
      n = in.readNBytes(head, 0, 4);
    } catch (IOException e) {
      return null;
    }
    if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
      return "a zip archive (a saved binary plan from 'terraform plan -out'?)";
    }
    if (n >= 2 && head[0] == 0x1f && (head[1] & 0xff) == 0x8b) {
      return "gzip-compressed data (decompress it first)";
    }
    return null;
  }

  private void check(Summary s) {
    if (s.formatVersion == null) {
      if (s.stateValues) {
        throw new InputException(file, "top level", "this is Terraform state (it has \"values\"), not a plan",
            "run 'terraform show -json' on the saved plan file (terraform plan -out=tfplan), not on the state");
      }
      String keys = s.topLevelKeys.isEmpty() ? "none" : String.join(", ", s.topLevelKeys.subList(0, Math.min(5, s.topLevelKeys.size())));
      throw new InputException(file, "top level",
          "not a Terraform plan: no \"format_version\" (top-level keys: " + keys + ")",
          s.topLevelKeys.size() == 1 ? "if the plan is wrapped in \"" + s.topLevelKeys.get(0) + "\", extract it first; "
              + REGENERATE : REGENERATE);
    }
    if (!s.plannedValues && !s.resourceChanges) {
      if (s.stateValues) {
        throw new InputException(file, "top level", "this is Terraform state (it has \"values\"), not a plan",
            "run 'terraform show -json' on the saved plan file (terraform plan -out=tfplan), not on the state");
      }
      throw new InputException(file, "top level", "not a Terraform plan: neither \"resource_changes\" nor \"planned_values\"",
          REGENERATE);
    }
    if (s.errored) {
      throw new InputException(file, "errored", "terraform reported errors while planning, so the plan is incomplete",
          "fix the errors 'terraform plan' shows and plan again");
    }
  }

  private void checkFormatVersion(String version, JsonParser p) {
    int dot = version.indexOf('.');
    String major = dot < 0 ? version : version.substring(0, dot);
    if (!major.equals("0") && !major.equals("1")) {
      throw new InputException(file, "format_version (" + at(p.currentTokenLocation()) + ")",
          "plan format_version " + version + " is not supported (deployguard reads 0.x and 1.x)",
          "use a terraform version whose 'show -json' writes format 1.x, or upgrade deployguard");
    }
    boolean digitsAndDots = true;
    for (int i = 0; i < version.length(); i++) {
      char c = version.charAt(i);
      digitsAndDots &= c == '.' || (c >= '0' && c <= '9');
    }
    if (dot < 0 || version.length() == dot + 1 || !digitsAndDots) {
      throw new InputException(file, "format_version (" + at(p.currentTokenLocation()) + ")",
          "plan format_version \"" + version + "\" is not a version such as \"1.2\"", REGENERATE);
    }
  }

  /**
   * The elements of {@code resource_changes}; true when the pieces read on a second core took over
   * from an element's end to the end of the document (their records and top-level fields are then
   * in this reader's).
   */
  private boolean resourceChanges(JsonParser p, Summary s) throws IOException {
    int index = 0;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        throw wrongType(p, "resource_changes[" + index + "]", "an object", t);
      }
      resourceChange(p, index++);
      if (chunks != null && p instanceof ParserBase b
          && takeOver(chunks.arrive(b.getTokenCharacterOffset()), b.getTokenLineNr(), s)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Takes the pieces that read the rest of the document, unless one repeats a top-level key read
   * before them: then this reader reads on and reports the key where it is.
   */
  private boolean takeOver(List<ChangeChunks.Piece> rest, long line, Summary s) {
    if (rest == null) {
      return false;
    }
    Summary tail = rest.get(rest.size() - 1).rest();
    for (String key : tail.topLevelKeys) {
      if (s.topLevelKeys.contains(key)) {
        chunks.cancel();
        chunks = null;
        return false;
      }
    }
    chunks.cancel();
    // Each piece counted its lines from its start: moved by the lines before that start.
    long before = line - 1 + chunks.gapLines(rest.get(0).seam());
    for (ChangeChunks.Piece piece : rest) {
      extracted.addAll(piece.extracted(), before);
      if (piece.next() >= 0) {
        before += piece.lastLine() - 1 + chunks.gapLines(piece.next());
      }
    }
    s.topLevelKeys.addAll(tail.topLevelKeys);
    s.formatVersion = s.formatVersion != null ? s.formatVersion : tail.formatVersion;
    s.terraformVersion = s.terraformVersion != null ? s.terraformVersion : tail.terraformVersion;
    s.plannedValues |= tail.plannedValues;
    s.stateValues |= tail.stateValues;
    s.errored |= tail.errored;
    tookOver = true;
    return true;
  }

  /** The fields that open a resource object in either section, read by {@link #resource}. */
  private static final class Header {
    final Integer line;
    String address;
    String type;
    String mode;
    /** The type as deployguard reads it, or null when it is not read. */
    ResourceType<?> read;

    Header(Integer line) {
      this.line = line;
    }

    /** Whether the resource's values are read: a type deployguard reads, not a data source. */
    boolean extracted() {
      return read != null && !"data".equals(mode);
    }
  }

  /** Reads the value of a resource object's body field ({@code change}, {@code values}). */
  @FunctionalInterface
  private interface BodyReader {
    void read(JsonParser p, JsonToken v, Header h) throws IOException;
  }

  /**
   * One resource object of either section, the parser at its START_OBJECT: the header fields
   * here, the field {@code body} by {@code reader} (which sees the header fields that came
   * before it), everything else skipped.
   *
   * @param noun what the object is, for the error when it has no type or address
   */
  private Header resource(JsonParser p, String place, String body, String noun, BodyReader reader) throws IOException {
    Header h = new Header(line(p));
    String name;
    DuplicateKeys.ObjectKeys seen = resourceKeys.reset();
    while ((name = p.nextFieldName()) != null) {
      seen.add(p, name);
      JsonToken v = p.nextToken();
      switch (name) {
        case "address" -> h.address = string(p, v, place, "address");
        case "type" -> {
          h.type = string(p, v, place, "type");
          h.read = ResourceType.named(h.type);
        }
        case "mode" -> h.mode = string(p, v, place, "mode");
        default -> {
          if (name.equals(body)) {
            reader.read(p, v, h);
          } else {
            skip(p);
          }
        }
      }
    }
    if (h.type == null || h.address == null) {
      throw new InputException(file, place, noun + " without " + (h.type == null ? "\"type\"" : "\"address\""),
          REGENERATE);
    }
    return h;
  }

  /** What a resource change's {@code change} holds. */
  private static final class Change {
    boolean seen;
    List<String> actions;
    Object after;
    Object afterUnknown;
  }

  /** Whether resource changes of types not read are skipped whole; tests turn it off to compare. */
  static volatile boolean skipUnread = true;

  /** The types read, as their names' bytes, for {@link PlanParser#skipChange}. */
  private static final byte[][] READ_TYPES = ResourceType.ALL.stream()
      .map(t -> t.name().getBytes(java.nio.charset.StandardCharsets.UTF_8)).toArray(byte[][]::new);

  /** One element of {@code resource_changes}; {@code change} is read only for extracted types. */
  private void resourceChange(JsonParser p, int index) throws IOException {
    if (skipUnread && p instanceof PlanParser plain && plain.skipChange(READ_TYPES)) {
      // Checked as the rest of this method would check it, and of a type not read.
      return;
    }
    String place = "resource_changes[" + index + "]";
    Change c = new Change();
    Header h = resource(p, place, "change", "a resource change", (q, v, header) -> change(q, v, header, place, c));
    if (!c.seen) {
      throw new InputException(file, place, h.address + ": a resource change without \"change\"", REGENERATE);
    }
    if (!h.extracted()) {
      return;
    }
    if (c.actions == null) {
      throw new InputException(file, place + ".change", h.address + ": no \"actions\"", REGENERATE);
    }
    // Deleted (and forgotten) resources will not exist after apply; replacements will.
    if (c.after == null || c.actions.equals(List.of("delete")) || c.actions.equals(List.of("forget"))) {
      return;
    }
    PlanValue.Context ctx = new PlanValue.Context(file, h.address, place, ".change.after");
    extracted.add(h.read, h.address, PlanValue.ofChange(c.after, c.afterUnknown, ctx), h.line);
  }

  /** The {@code change} of a resource change: skipped when the type before it is not read. */
  private void change(JsonParser p, JsonToken v, Header h, String place, Change c) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      throw wrongType(p, place + ".change", "an object", v);
    }
    c.seen = true;
    if (h.type != null && !h.extracted()) {
      skip(p);
      return;
    }
    String name;
    DuplicateKeys.ObjectKeys seen = innerKeys.reset();
    while ((name = p.nextFieldName()) != null) {
      seen.add(p, name);
      JsonToken cv = p.nextToken();
      switch (name) {
        case "actions" -> c.actions = actions(p, cv, place);
        case "after" -> c.after = tree(p, cv, place, ".change.after");
        case "after_unknown" -> c.afterUnknown = tree(p, cv, place, ".change.after_unknown");
        default -> skip(p);
      }
    }
  }

  /** {@code change.actions} of the resource change at {@code change}. */
  private List<String> actions(JsonParser p, JsonToken t, String change) throws IOException {
    if (t != JsonToken.START_ARRAY) {
      throw wrongType(p, change + ".change.actions", "a list of strings", t);
    }
    List<String> out = new ArrayList<>(2);
    JsonToken e;
    while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
      if (e != JsonToken.VALUE_STRING) {
        throw wrongType(p, change + ".change.actions[" + out.size() + "]", "a string", e);
      }
      out.add(PlanTree.text(p));
    }
    return out;
  }

  /** {@code planned_values}: the root module and its child modules, depth first. */
  private void plannedValues(JsonParser p, String place) throws IOException {
    String name;
    DuplicateKeys.ObjectKeys seen = new DuplicateKeys.ObjectKeys();
    while ((name = p.nextFieldName()) != null) {
      seen.add(p, name);
      JsonToken v = p.nextToken();
      if (name.equals("root_module")) {
        expect(p, v, JsonToken.START_OBJECT, place + ".root_module", "an object");
        module(p, place + ".root_module");
      } else {
        skip(p);
      }
    }
  }

  private void module(JsonParser p, String place) throws IOException {
    String name;
    DuplicateKeys.ObjectKeys seen = new DuplicateKeys.ObjectKeys();
    while ((name = p.nextFieldName()) != null) {
      seen.add(p, name);
      JsonToken v = p.nextToken();
      switch (name) {
        case "resources" -> eachObject(p, v, place + ".resources", this::plannedResource);
        case "child_modules" -> eachObject(p, v, place + ".child_modules", this::module);
        default -> skip(p);
      }
    }
  }

  /** Reads an element of a list, the parser at its START_OBJECT. */
  @FunctionalInterface
  private interface ElementReader {
    void read(JsonParser p, String place) throws IOException;
  }

  /** Hands each object of a list (or nothing for null) to {@code reader}. */
  private void eachObject(JsonParser p, JsonToken v, String place, ElementReader reader) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return;
    }
    expect(p, v, JsonToken.START_ARRAY, place, "a list");
    int i = 0;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      String at = place + "[" + i++ + "]";
      expect(p, t, JsonToken.START_OBJECT, at, "an object");
      reader.read(p, at);
    }
  }

  private void plannedResource(JsonParser p, String place) throws IOException {
    Object[] values = new Object[1];
    Header h = resource(p, place, "values", "a resource", (q, v, header) -> {
      if (header.type != null && header.read == null) {
        skip(q);
      } else {
        values[0] = tree(q, v, place, ".values");
      }
    });
    if (!h.extracted() || values[0] == null) {
      return;
    }
    PlanValue.Context ctx = new PlanValue.Context(file, h.address, place, ".values");
    extracted.add(h.read, h.address, PlanValue.ofPlanned(values[0], ctx), h.line);
  }

  /** The tree of a resource's values; {@code null} for JSON null. */
  private Object tree(JsonParser p, JsonToken t, String resource, String field) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.START_OBJECT && t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
      throw wrongType(p, resource + field, "an object", t);
    }
    return trees.build(p, t);
  }

  private final PlanTree trees = new PlanTree();

  /**
   * Skips the value at the current token (a whole object or list) without building it, still
   * rejecting duplicate keys in it.
   */
  private void skip(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
      return;
    }
    keys.skip(p);
  }

  private final DuplicateKeys keys = new DuplicateKeys();
  private final DuplicateKeys.ObjectKeys resourceKeys = new DuplicateKeys.ObjectKeys();
  private final DuplicateKeys.ObjectKeys innerKeys = new DuplicateKeys.ObjectKeys();

  /** A string field of an element at {@code place}; the place is joined only for an error. */
  private String string(JsonParser p, JsonToken t, String place, String field) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw wrongType(p, place + "." + field, "a string", t);
    }
    return PlanTree.text(p);
  }

  private void expect(JsonParser p, JsonToken actual, JsonToken expected, String place, String what) {
    if (actual != expected) {
      throw wrongType(p, place, what, actual);
    }
  }

  private InputException wrongType(JsonParser p, String place, String what, JsonToken actual) {
    return new InputException(file, place + " (" + at(p.currentTokenLocation()) + ")",
        place + " should be " + what + ", found " + kind(actual), REGENERATE);
  }

  /** The line a resource starts on, or {@code null} for a one-line (minified) file. */
  private static Integer line(JsonParser p) {
    // The parser's row of the current token, without a JsonLocation per resource.
    int l = p instanceof ParserBase b ? b.getTokenLineNr() : p.currentTokenLocation().getLineNr();
    return l > 1 ? l : null;
  }

  private static String at(JsonLocation l) {
    if (l == null || l.getLineNr() < 1) {
      return "";
    }
    return "line " + l.getLineNr() + ", column " + l.getColumnNr();
  }

  private static String kind(JsonToken t) {
    if (t == null) {
      return "the end of the file";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "a list";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.asString() == null ? t.name() : t.asString();
    };
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
