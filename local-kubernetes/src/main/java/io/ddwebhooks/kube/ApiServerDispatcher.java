package io.ddwebhooks.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mock's CRUD dispatcher, with what a real API server does and the mock does not, as far as a single operator
 * needs it:
 * <ul>
 *   <li>JSON merge patches ({@code application/merge-patch+json}) follow RFC 7386: objects merge, lists are replaced
 *       and a {@code null} removes a key (the mock's own merge appends to lists, which duplicated finalizers and
 *       conditions);</li>
 *   <li>server-side apply ({@code application/apply-patch+yaml}) of a status: the applier is taken as the status's
 *       only manager, so the applied status replaces the stored one whole (fields the applier no longer sends go, as
 *       they do on a real API server for fields only that manager owned);</li>
 *   <li>server-side apply of an object's other fields (a finalizer, say): merged into the stored object, lists
 *       replaced, and finalizers the applier no longer sends removed (taking the applier as their only manager);
 *       a finalizer applied twice is there once;</li>
 *   <li>{@code stringData} of a Secret, created or replaced: moved into {@code data}, base64-encoded, as a real API
 *       server does, so a reader sees only {@code data}.</li>
 * </ul>
 * Writes are taken one at a time, so that a merge computed here from the stored object is not overtaken by another
 * write before the mock stores it.
 */
final class ApiServerDispatcher extends KubernetesCrudDispatcher {

  private static final String APPLY = "application/apply-patch";
  private static final String MERGE = "application/merge-patch+json";
  private static final String JSON_PATCH = "application/json-patch+json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new YAMLMapper();

  @Override
  public synchronized MockResponse handlePatch(RecordedRequest request) {
    String type = request.getHeader("Content-Type");
    boolean apply = type != null && type.startsWith(APPLY);
    if (!apply && (type == null || !type.startsWith(MERGE))) {
      return super.handlePatch(request);
    }
    String path = withoutQuery(request.getPath());
    Map.Entry<AttributeSet, String> stored = findResource(getKey(path));
    JsonNode patch;
    JsonNode current;
    try {
      patch = (apply ? YAML : JSON).readTree(body(request));
      current = stored == null ? null : JSON.readTree(stored.getValue());
    } catch (IOException e) {
      return new MockResponse().setResponseCode(400).setBody("{\"kind\":\"Status\",\"code\":400}");
    }
    if (!(current instanceof ObjectNode object) || !(patch instanceof ObjectNode)) {
      return super.handlePatch(request);
    }
    if (apply && path.endsWith("/status")) {
      ObjectNode merged = object.deepCopy();
      merged.set("status", patch.path("status"));
      return super.handlePatch(forward(request, path, JSON_PATCH, replacing(object, merged)));
    }
    JsonNode merge = apply ? applied((ObjectNode) patch) : patch;
    return super.handlePatch(forward(request, path, JSON_PATCH, replacing(object, merged(object, merge))));
  }

  /** A server-side apply of an object's fields as a merge patch: the applier owns only what it sends. */
  private static ObjectNode applied(ObjectNode apply) {
    ObjectNode merge = apply.deepCopy();
    merge.remove(List.of("apiVersion", "kind", "status"));
    ObjectNode metadata = merge.path("metadata") instanceof ObjectNode m ? m : merge.putObject("metadata");
    metadata.remove(List.of("name", "namespace", "resourceVersion", "managedFields"));
    if (metadata.path("finalizers") instanceof ArrayNode finalizers) {
      // a set on a real API server: the same finalizer twice is one
      Set<JsonNode> unique = new LinkedHashSet<>();
      finalizers.forEach(unique::add);
      finalizers.removeAll().addAll(unique);
    } else {
      // the applier's finalizers are the only ones here: applying without them removes them
      metadata.putNull("finalizers");
    }
    return merge;
  }

  /** RFC 7386: {@code patch} merged into {@code target}; objects merge, anything else replaces, null removes. */
  private static JsonNode merged(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result = target != null && target.isObject() ? target.deepCopy() : JSON.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), merged(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }

  /** A JSON patch that turns {@code current} into {@code wanted}, one top-level field at a time. */
  private static ArrayNode replacing(ObjectNode current, JsonNode wanted) {
    ArrayNode ops = JSON.createArrayNode();
    for (Iterator<String> it = current.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!wanted.has(field)) {
        ops.addObject().put("op", "remove").put("path", "/" + field);
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = wanted.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      ops.addObject().put("op", "add").put("path", "/" + field.getKey()).set("value", field.getValue());
    }
    return ops;
  }

  @Override
  public synchronized MockResponse handleDelete(String path) {
    return super.handleDelete(path);
  }

  @Override
  public synchronized MockResponse handleCreate(RecordedRequest request) {
    return super.handleCreate(secretDataMoved(request));
  }

  @Override
  public synchronized MockResponse handleUpdate(RecordedRequest request) {
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
