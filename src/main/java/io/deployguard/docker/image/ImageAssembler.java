package io.deployguard.docker.image;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deployguard.policy.InputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the image in a {@link BlobStore} through its manifest ({@code manifest.json} of {@code
 * docker save}, or an OCI {@code index.json} with nested indexes), and puts its layers in order.
 */
final class ImageAssembler {
  private ImageAssembler() {}

  /**
   * The manifests and configs are a few KB: their trees are built from the streaming parser, as an
   * {@code ObjectMapper} would (last of repeated keys wins), without setting one up, which on every
   * run cost more than reading the headers of a 1 GB image.
   */
  private static final JsonFactory JSON = new JsonFactory();
  private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*");
  private static final Pattern ENCODED = Pattern.compile("[a-zA-Z0-9=_-]+");
  private static final Set<String> INDEX_TYPES = Set.of(
      "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json");
  private static final Set<String> MANIFEST_TYPES = Set.of(
      "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json");
  private static final Set<String> LAYER_TYPES = Set.of(
      "application/vnd.oci.image.layer.v1.tar",
      "application/vnd.oci.image.layer.v1.tar+gzip",
      "application/vnd.oci.image.layer.v1.tar+zstd",
      "application/vnd.oci.image.layer.nondistributable.v1.tar",
      "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
      "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
      "application/vnd.docker.image.rootfs.diff.tar",
      "application/vnd.docker.image.rootfs.diff.tar.gzip",
      "application/vnd.docker.image.rootfs.diff.tar.zstd",
      "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip");
  private static final int MAX_INDEX_DEPTH = 8;

  /**
   * The image of the store.
   *
   * @param wanted a reference to pick when the source holds several images, or null
   */
  static ImageLayers assemble(BlobStore store, ArchiveFormat format, String source, String wanted, ReadLimits limits) {
    boolean docker = store.contains("manifest.json");
    boolean oci = store.contains("index.json");
    return switch (format) {
      case DOCKER -> {
        if (!docker) {
          throw missing(store, "manifest.json", oci ? "this looks like an OCI archive: use oci-archive:PATH"
              : "not a docker save archive; " + store.remedy());
        }
        yield docker(store, source, wanted, limits);
      }
      case OCI -> {
        if (!oci) {
          throw missing(store, "index.json", docker ? "this looks like a docker save archive: use docker-archive:PATH"
              : "not an OCI image; " + store.remedy());
        }
        yield oci(store, source, wanted, limits);
      }
      case ANY -> {
        if (docker) {
          yield docker(store, source, wanted, limits);
        }
        if (oci) {
          yield oci(store, source, wanted, limits);
        }
        throw new InputException(store.input(), "", "neither manifest.json nor index.json: not an image archive",
            "give the output of docker save, podman save or an OCI image layout");
      }
    };
  }

  private static InputException missing(BlobStore store, String file, String hint) {
    return new InputException(store.input(), "", "no " + file + " in it", hint);
  }

  private static ImageLayers docker(BlobStore store, String source, String wanted, ReadLimits limits) {
    String at = "manifest.json";
    JsonNode m = json(store, at, "the archive");
    if (!m.isArray() || m.isEmpty()) {
      throw bad(store, at, "expected a non-empty array of images");
    }
    JsonNode image = m.get(0);
    if (m.size() > 1) {
      image = null;
      List<String> tags = new ArrayList<>();
      for (JsonNode n : m) {
        for (JsonNode t : n.path("RepoTags")) {
          tags.add(t.asText());
          if (t.asText().equals(wanted)) {
            image = n;
          }
        }
      }
      if (image == null) {
        throw new InputException(store.input(), at, "holds " + m.size() + " images " + tags,
            "save one image per archive (docker save IMAGE -o FILE)");
      }
    }
    String config = text(store, image, "Config", at);
    JsonNode layerNames = image.path("Layers");
    if (!layerNames.isArray()) {
      throw bad(store, at, "Layers is missing or not an array");
    }
    List<String> names = new ArrayList<>();
    for (JsonNode n : layerNames) {
      if (!n.isTextual()) {
        throw bad(store, at, "Layers holds a non-string");
      }
      names.add(member(store, n.asText(), at));
    }
    String reference = image.path("RepoTags").path(0).asText(wanted == null ? source : wanted);
    String configName = member(store, config, at);
    String digest = "sha256:" + configName.substring(configName.lastIndexOf('/') + 1).replace(".json", "");
    return layers(store, source, reference, digest, configName, at, names, limits);
  }

  private static ImageLayers oci(BlobStore store, String source, String wanted, ReadLimits limits) {
    List<Candidate> found = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    collect(store, json(store, "index.json", "the layout"), "index.json", null, 0, found, skipped, new int[1]);
    Candidate pick = choose(store, found, skipped, wanted);
    String manifestName = blobName(store, pick.descriptor, pick.at);
    JsonNode manifest = json(store, manifestName, pick.at);
    String mt = manifest.path("mediaType").asText("");
    if (!mt.isEmpty() && !MANIFEST_TYPES.contains(mt)) {
      throw bad(store, manifestName, "media type " + mt + " is not an image manifest");
    }
    String configName = blobName(store, manifest.path("config"), manifestName + " config");
    if (!manifest.path("layers").isArray()) {
      throw bad(store, manifestName, "layers is missing or not an array");
    }
    List<String> names = new ArrayList<>();
    int i = 0;
    for (JsonNode layer : manifest.path("layers")) {
      String where = manifestName + " layers[" + i++ + "]";
      String type = layer.path("mediaType").asText("");
      if (!LAYER_TYPES.contains(type)) {
        throw new InputException(store.input(), where, "unknown layer media type '" + type + "'",
            "deployguard reads tar layers (plain, gzip or zstd); is this an artifact rather than an image?");
      }
      names.add(blobName(store, layer, where));
    }
    String reference = pick.name != null ? pick.name : wanted != null ? wanted : source;
    return layers(store, source, reference, manifest.path("config").path("digest").asText(), configName,
        manifestName, names, limits);
  }

  private record Candidate(JsonNode descriptor, String at, String name, String platform) {}

  /** @param visited descriptors looked at so far in the whole tree (one counter shared by every level) */
  private static void collect(BlobStore store, JsonNode index, String at, String name, int depth,
      List<Candidate> found, List<String> skipped, int[] visited) {
    if (depth > MAX_INDEX_DEPTH) {
      throw bad(store, at, "indexes nested more than " + MAX_INDEX_DEPTH + " deep");
    }
    JsonNode manifests = index.path("manifests");
    if (!manifests.isArray()) {
      throw bad(store, at, "manifests is missing or not an array");
    }
    visited[0] += manifests.size();
    if (visited[0] > ReadLimits.MAX_INDEX_DESCRIPTORS) {
      throw bad(store, at, "the index tree lists more than " + ReadLimits.MAX_INDEX_DESCRIPTORS
          + " descriptors (fan-out of nested indexes); an image index lists a handful of platforms");
    }
    for (int i = 0; i < manifests.size(); i++) {
      JsonNode d = manifests.get(i);
      String where = at + " manifests[" + i + "]";
      JsonNode ann = d.path("annotations");
      String ref = ann.path("io.containerd.image.name").asText(null);
      if (ref == null) {
        ref = ann.path("org.opencontainers.image.ref.name").asText(name);
      }
      if ("attestation-manifest".equals(ann.path("vnd.docker.reference.type").asText())) {
        continue;
      }
      String type = d.path("mediaType").asText("");
      if (type.isEmpty()) {
        // The descriptor may omit it; the blob says what it is.
        JsonNode blob = json(store, blobName(store, d, where), where);
        type = blob.has("manifests") ? INDEX_TYPES.iterator().next() : MANIFEST_TYPES.iterator().next();
      }
      String platform = d.path("platform").path("os").asText("") + "/" + d.path("platform").path("architecture").asText("");
      if (INDEX_TYPES.contains(type)) {
        String child = blobName(store, d, where);
        collect(store, json(store, child, where), child, ref, depth + 1, found, skipped, visited);
      } else if (MANIFEST_TYPES.contains(type)) {
        if (!platform.equals("unknown/unknown")) {
          found.add(new Candidate(d, where, ref, platform));
        }
      } else {
        skipped.add(type);
      }
    }
  }

  private static Candidate choose(BlobStore store, List<Candidate> found, List<String> skipped, String wanted) {
    List<Candidate> c = found;
    if (wanted != null) {
      c = found.stream().filter(x -> x.name != null && (x.name.equals(wanted) || x.name.endsWith(":" + wanted))).toList();
      if (c.isEmpty()) {
        throw new InputException(store.input(), "index.json", "no image named '" + wanted + "'",
            "names here: " + found.stream().map(x -> String.valueOf(x.name)).distinct().toList());
      }
    }
    if (c.isEmpty()) {
      throw new InputException(store.input(), "index.json", "no image manifest"
          + (skipped.isEmpty() ? "" : " (only " + skipped + ")"), "give an image, not an artifact; " + store.remedy());
    }
    if (c.size() == 1) {
      return c.get(0);
    }
    List<Candidate> amd64 = c.stream().filter(x -> x.platform.equals("linux/amd64")).toList();
    if (amd64.size() == 1) {
      return amd64.get(0);
    }
    throw new InputException(store.input(), "index.json", "holds " + c.size() + " images ("
        + c.stream().map(x -> x.name + " " + x.platform).toList() + ") and not exactly one for linux/amd64",
        "export a single image or platform (e.g. podman save IMAGE, docker save --platform linux/amd64)");
  }

  private static ImageLayers layers(BlobStore store, String source, String reference, String digest,
      String configName, String manifestName, List<String> names, ReadLimits limits) {
    if (names.size() > limits.maxLayers()) {
      throw new InputException(store.input(), manifestName, "lists " + names.size() + " layers, more than the limit of "
          + limits.maxLayers() + " (image.max_layers; raise it if the image is genuine)", store.remedy());
    }
    JsonNode config = json(store, configName, manifestName);
    JsonNode diffIds = config.path("rootfs").path("diff_ids");
    if (!diffIds.isArray()) {
      throw bad(store, configName, "rootfs.diff_ids is missing: not an image config");
    }
    if (diffIds.size() != names.size()) {
      throw bad(store, configName, "lists " + diffIds.size() + " diff_ids but " + manifestName + " lists "
          + names.size() + " layers");
    }
    List<String> createdBy = new ArrayList<>();
    for (JsonNode h : config.path("history")) {
      if (!h.path("empty_layer").asBoolean(false)) {
        createdBy.add(h.path("created_by").asText(""));
      }
    }
    List<Layer> layers = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < names.size(); i++) {
      List<LayerEntry> entries = store.layer(names.get(i), manifestName, i + 1, names.size());
      // A layer listed again is analysed again: count it again.
      total += entries.size();
      if (total > limits.maxEntries()) {
        throw new InputException(store.input(), names.get(i), limits.entriesMessage(), store.remedy());
      }
      layers.add(Layer.of(i + 1, diffIds.get(i).asText(), i < createdBy.size() ? createdBy.get(i) : "", entries));
    }
    return new ImageLayers(reference, source, digest, layers);
  }

  private static String member(BlobStore store, String name, String at) {
    try {
      return ArchivePaths.normalize(name, false);
    } catch (ArchivePaths.BadPath e) {
      throw new InputException(store.input(), at, "names " + e.getMessage(), "refused; " + store.remedy());
    }
  }

  /** {@code sha256:abc} -> {@code blobs/sha256/abc}, refusing anything that is not a digest. */
  private static String blobName(BlobStore store, JsonNode descriptor, String at) {
    String digest = descriptor.path("digest").asText("");
    int colon = digest.indexOf(':');
    if (colon <= 0 || !ALGORITHM.matcher(digest.substring(0, colon)).matches()
        || !ENCODED.matcher(digest.substring(colon + 1)).matches()) {
      throw bad(store, at, "digest '" + digest + "' is missing or malformed");
    }
    return "blobs/" + digest.substring(0, colon) + "/" + digest.substring(colon + 1);
  }

  private static String text(BlobStore store, JsonNode node, String field, String at) {
    JsonNode v = node.path(field);
    if (!v.isTextual() || v.asText().isEmpty()) {
      throw bad(store, at, field + " is missing or not a string");
    }
    return v.asText();
  }

  private static JsonNode json(BlobStore store, String name, String referencedFrom) {
    byte[] bytes = store.metadata(name, referencedFrom);
    try {
      try (JsonParser p = JSON.createParser(bytes)) {
        JsonToken first = p.nextToken();
        if (first == null) {
          throw bad(store, name, "is empty, expected JSON");
        }
        return tree(p, first);
      }
    } catch (JsonProcessingException e) {
      throw new InputException(store.input(), name, "bad JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()), store.remedy(), e);
    } catch (IOException e) {
      throw new InputException(store.input(), name, "cannot read: " + e.getMessage(), store.remedy(), e);
    }
  }

  private static JsonNode tree(JsonParser p, JsonToken t) throws IOException {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return switch (t) {
      case START_OBJECT -> {
        ObjectNode o = nodes.objectNode();
        String key;
        while ((key = p.nextFieldName()) != null) {
          o.set(key, tree(p, p.nextToken()));
        }
        yield o;
      }
      case START_ARRAY -> {
        ArrayNode a = nodes.arrayNode();
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          a.add(tree(p, e));
        }
        yield a;
      }
      case VALUE_STRING -> nodes.textNode(p.getText());
      case VALUE_NUMBER_INT -> nodes.numberNode(p.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT -> nodes.numberNode(p.getDoubleValue());
      case VALUE_TRUE, VALUE_FALSE -> nodes.booleanNode(t == JsonToken.VALUE_TRUE);
      default -> nodes.nullNode();
    };
  }

  private static InputException bad(BlobStore store, String at, String problem) {
    return new InputException(store.input(), at, problem, store.remedy());
  }
}
