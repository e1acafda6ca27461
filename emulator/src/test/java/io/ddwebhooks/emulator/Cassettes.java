package io.ddwebhooks.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the recorded Datadog interactions in {@code emulator/src/test/resources/recordings/v1} (their origin and
 * licences: the README there), whatever client recorded them:
 * MockServer JSON (Java), go-vcr v1/v2 YAML (Go, Terraform), vcrpy YAML (Python), HAR (TypeScript) and the Java
 * generated test-server data. Each recording becomes one ordered list of interactions.
 */
public final class Cassettes {

  public record Interaction(String method, String path, String requestBody, int status, String responseBody) {
    @Override
    public String toString() {
      return method + " " + path + " -> " + status;
    }
  }

  public record Recording(String name, List<Interaction> interactions) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Cassettes() {}

  /** The recordings in this repository; tests run in the repository's root folder (see the parent pom). */
  public static Path root() {
    return Path.of(System.getProperty("ddwebhooks.recordings.dir", "emulator/src/test/resources/recordings/v1"));
  }

  public static List<Recording> all(Path root) throws IOException {
    List<Recording> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = root.relativize(f).toString();
        String file = f.getFileName().toString();
        if (file.endsWith(".har")) {
          out.add(new Recording(name, har(JSON.readTree(f.toFile()))));
        } else if (file.endsWith(".yaml") || file.endsWith(".yml")) {
          JsonNode doc = YAML.readTree(f.toFile());
          if (doc != null && doc.has("interactions")) {
            out.add(new Recording(name, vcr(doc.get("interactions"))));
          }
        } else if (file.endsWith(".json")) {
          JsonNode doc = JSON.readTree(f.toFile());
          if (doc.isArray() && doc.size() > 0 && doc.get(0).has("httpRequest")) {
            out.add(new Recording(name, mockServer(doc)));
          } else if (doc.has("recordings")) {
            int i = 0;
            for (JsonNode r : doc.get("recordings")) {
              out.add(new Recording(name + "#" + i++, testServerData(r.get("interactions"))));
            }
          }
        }
      }
    }
    return out;
  }

  /** MockServer JSON (Java): httpRequest/httpResponse with path and statusCode. */
  private static List<Interaction> mockServer(JsonNode doc) {
    return pathAndStatus(doc, "httpRequest", "httpResponse", "statusCode");
  }

  /** The Java generated test-server data: request/response with path and status. */
  private static List<Interaction> testServerData(JsonNode interactions) {
    return pathAndStatus(interactions, "request", "response", "status");
  }

  private static List<Interaction> pathAndStatus(JsonNode list, String request, String response, String status) {
    List<Interaction> out = new ArrayList<>();
    for (JsonNode x : list) {
      JsonNode req = x.get(request);
      JsonNode res = x.get(response);
      out.add(new Interaction(req.get("method").asText(), req.get("path").asText(), bodyText(req.get("body")),
          res.get(status).asInt(), bodyText(res.get("body"))));
    }
    return out;
  }

  private static List<Interaction> vcr(JsonNode interactions) {
    List<Interaction> out = new ArrayList<>();
    for (JsonNode x : interactions) {
      JsonNode req = x.get("request");
      JsonNode res = x.get("response");
      String url = req.has("url") ? req.get("url").asText() : req.get("uri").asText();
      int status = res.has("code") ? res.get("code").asInt() : res.get("status").get("code").asInt();
      out.add(new Interaction(req.get("method").asText(), URI.create(url).getRawPath(), bodyText(req.get("body")),
          status, bodyText(res.get("body"))));
    }
    return out;
  }

  private static List<Interaction> har(JsonNode doc) {
    List<Interaction> out = new ArrayList<>();
    for (JsonNode e : doc.get("log").get("entries")) {
      JsonNode req = e.get("request");
      JsonNode res = e.get("response");
      out.add(new Interaction(req.get("method").asText(), URI.create(req.get("url").asText()).getRawPath(),
          req.has("postData") ? req.get("postData").path("text").asText(null) : null,
          res.get("status").asInt(), res.path("content").path("text").asText(null)));
    }
    return out;
  }

  /** A body in any of the recorders' shapes, as text; null when there is none. */
  private static String bodyText(JsonNode body) {
    if (body == null || body.isNull() || body.isMissingNode()) {
      return null;
    }
    if (body.isTextual()) {
      return body.asText().isBlank() ? null : body.asText();
    }
    for (String field : List.of("json", "string", "value")) {
      JsonNode v = body.get(field);
      if (v != null && !v.isNull()) {
        return v.isTextual() ? v.asText() : v.toString();
      }
    }
    return null;
  }
}
