package io.ddwebhooks.operator.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Kubernetes objects from YAML text or files, keyed by kind/namespace/name. */
final class Manifests {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Manifests() {}

  static Map<String, JsonNode> parse(String yaml) throws IOException {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && doc.has("kind")) {
          out.put(key(doc), doc);
        }
      }
    }
    return out;
  }

  static Map<String, JsonNode> folder(Path dir) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        all.append(Files.readString(f)).append("\n---\n");
      }
    }
    return parse(all.toString());
  }

  static String key(JsonNode doc) {
    return doc.path("kind").asText() + "/" + doc.path("metadata").path("namespace").asText("") + "/"
        + doc.path("metadata").path("name").asText();
  }
}
