package io.ddwebhooks.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * The mock's CRUD dispatcher, with what a real API server does and the mock does not, as far as a single operator
 * needs it:
 * <ul>
 *   <li>server-side apply ({@code application/apply-patch+yaml}) of a status: the applier is taken as the status's
 *       only manager, so the applied status replaces the stored one whole (fields the applier no longer sends go, as
 *       they do on a real API server for fields only that manager owned);</li>
 *   <li>server-side apply of an object's other fields (a finalizer, say): merged into the stored object, lists
 *       replaced, and finalizers the applier no longer sends removed (taking the applier as their only manager);</li>
 *   <li>{@code stringData} of a Secret, created or replaced: moved into {@code data}, base64-encoded, as a real API
 *       server does, so a reader sees only {@code data}.</li>
 * </ul>
 */
final class ApiServerDispatcher extends KubernetesCrudDispatcher {

  private static final String APPLY = "application/apply-patch";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new YAMLMapper();

  @Override
  public MockResponse handlePatch(RecordedRequest request) {
    String type = request.getHeader("Content-Type");
    if (type == null || !type.startsWith(APPLY)) {
      return super.handlePatch(request);
    }
    JsonNode applied;
    try {
      applied = YAML.readTree(body(request));
    } catch (IOException e) {
      return new MockResponse().setResponseCode(400).setBody("{\"kind\":\"Status\",\"code\":400}");
    }
    String path = withoutQuery(request.getPath());
    if (path.endsWith("/status")) {
      ArrayNode patch = JSON.createArrayNode();
      patch.addObject().put("op", "add").put("path", "/status").set("value", applied.path("status"));
      return super.handlePatch(forward(request, path, "application/json-patch+json", patch));
    }
    ObjectNode merge = applied.deepCopy();
    merge.remove(java.util.List.of("apiVersion", "kind", "status"));
    ObjectNode metadata = merge.path("metadata") instanceof ObjectNode m ? m : merge.putObject("metadata");
    metadata.remove(java.util.List.of("name", "namespace", "resourceVersion", "managedFields"));
    if (!metadata.has("finalizers")) {
      // the applier's finalizers are the only ones here: applying without them removes them
      metadata.putNull("finalizers");
    }
    return super.handlePatch(forward(request, path, "application/merge-patch+json", merge));
  }

  @Override
  public MockResponse handleCreate(RecordedRequest request) {
    return super.handleCreate(secretDataMoved(request));
  }

  @Override
  public MockResponse handleUpdate(RecordedRequest request) {
    return super.handleUpdate(secretDataMoved(request));
  }

  /** A Secret's stringData moved into data; any other request as it is. */
  private static RecordedRequest secretDataMoved(RecordedRequest request) {
    if (!withoutQuery(request.getPath()).matches(".*/api/v1/(namespaces/[^/]+/)?secrets(/[^/]+)?")) {
      return request;
    }
    JsonNode body;
    try {
      body = JSON.readTree(body(request));
    } catch (IOException e) {
      return request;
    }
    if (!(body instanceof ObjectNode secret) || !secret.path("stringData").isObject()) {
      return request;
    }
    ObjectNode data = secret.path("data").isObject() ? (ObjectNode) secret.get("data") : secret.putObject("data");
    for (Iterator<Map.Entry<String, JsonNode>> it = secret.get("stringData").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      data.put(entry.getKey(), Base64.getEncoder().encodeToString(
          entry.getValue().asText().getBytes(StandardCharsets.UTF_8)));
    }
    secret.remove("stringData");
    return forward(request, request.getPath(), request.getHeader("Content-Type"), secret);
  }

  private static RecordedRequest forward(RecordedRequest request, String path, String contentType, JsonNode body) {
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    Headers headers = request.getHeaders().newBuilder()
        .removeAll("Content-Type").removeAll("content-type").removeAll("Content-Length").removeAll("content-length")
        .add("Content-Type", contentType == null ? "application/json" : contentType)
        .add("Content-Length", Integer.toString(bytes.length)).build();
    return new RecordedRequest(request.getMethod() + " " + path + " HTTP/1.1", request.method(), path, headers,
        new Buffer(bytes));
  }

  /** The request's body, left in place for the mock (reading it through getUtf8Body would consume it). */
  private static String body(RecordedRequest request) {
    return request.getBody() == null ? "" : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
  }

  private static String withoutQuery(String path) {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }
}
