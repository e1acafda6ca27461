package io.ddwebhooks.operator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.ddwebhooks.operator.testing.OperatorHarness;
import io.ddwebhooks.operator.testing.RealKubernetes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad input, literal and from Secrets, as a user could give it: each case is refused at admission by the real API
 * server (the CRD's schema and CEL rules) or reported by the operator with the exact Ready reason, and not one of them
 * makes a Datadog write. The operator stays healthy throughout. Prints the table.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BadInputIT {

  private static final String NS = "bad-input";
  private static final String ADMISSION = "refused at admission";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static RealKubernetes k8s;
  private static OperatorHarness h;

  /** One bad input: the resource (kind and spec), the Secret data it reads, and the expected outcome. */
  record Case(String what, String kind, ObjectNode spec, Map<String, byte[]> secret, String expected) {}

  @BeforeAll
  static void start() {
    k8s = RealKubernetes.start();
    k8s.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
    h = OperatorHarness.startOn(k8s);
  }

  @AfterAll
  static void stop() {
    h.close();
    k8s.close();
  }

  private static ObjectNode hook(String url) {
    ObjectNode spec = JSON.createObjectNode();
    if (url != null) {
      spec.put("url", url);
    }
    return spec;
  }

  private static ObjectNode hookFromSecret() {
    ObjectNode spec = JSON.createObjectNode();
    spec.putObject("urlFrom").putObject("secretKeyRef").put("name", "s").put("key", "v");
    return spec;
  }

  private static ObjectNode withHeader(ObjectNode spec, String name, String value) {
    ArrayNode headers = spec.has("customHeaders") ? (ArrayNode) spec.get("customHeaders")
        : spec.putArray("customHeaders");
    ObjectNode h = headers.addObject().put("name", name);
    if (value != null) {
      h.put("value", value);
    } else {
      h.putObject("valueFrom").putObject("secretKeyRef").put("name", "s").put("key", "v");
    }
    return spec;
  }

  private static ObjectNode variable(String value) {
    ObjectNode spec = JSON.createObjectNode();
    if (value != null) {
      spec.put("value", value);
    } else {
      spec.putObject("valueFrom").putObject("secretKeyRef").put("name", "s").put("key", "v");
    }
    return spec;
  }

  private static Map<String, byte[]> secret(String value) {
    return Map.of("v", value.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, byte[]> secretBytes(byte... value) {
    return Map.of("v", value);
  }

  private static String nested(int depth) {
    return "[".repeat(depth) + "1" + "]".repeat(depth);
  }

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    String w = "DatadogWebhook";
    String v = "DatadogCustomVariable";
    String ok = "https://hooks.example.com/x";
    // refused by the schema and CEL rules
    c.add(new Case("url without a scheme", w, hook("hooks.example.com/x"), null, ADMISSION));
    c.add(new Case("url with ftp://", w, hook("ftp://hooks.example.com"), null, ADMISSION));
    c.add(new Case("url ending in CR LF", w, hook(ok + "\r\n"), null, ADMISSION));
    c.add(new Case("url and urlFrom", w, hookFromSecret().put("url", ok), null, ADMISSION));
    c.add(new Case("neither url nor urlFrom", w, hook(null), null, ADMISSION));
    c.add(new Case("url over the schema cap", w, hook(ok + "/" + "a".repeat(9000)), null, ADMISSION));
    c.add(new Case("header name with a space", w, withHeader(hook(ok), "X Bad", "1"), null, ADMISSION));
    c.add(new Case("header name with ':'", w, withHeader(hook(ok), "X-A:", "1"), null, ADMISSION));
    c.add(new Case("header name with CR LF", w, withHeader(hook(ok), "X-A\r\nX-B", "1"), null, ADMISSION));
    c.add(new Case("header name empty", w, withHeader(hook(ok), "", "1"), null, ADMISSION));
    ObjectNode both = withHeader(hook(ok), "X-A", "1");
    ((ObjectNode) both.get("customHeaders").get(0)).putObject("valueFrom").putObject("secretKeyRef")
        .put("name", "s").put("key", "v");
    c.add(new Case("header with value and valueFrom", w, both, null, ADMISSION));
    ObjectNode many = hook(ok);
    for (int i = 0; i < 257; i++) {
      withHeader(many, "X-" + i, "1");
    }
    c.add(new Case("257 headers", w, many, null, ADMISSION));
    c.add(new Case("spec.name with a space", w, hook(ok).put("name", "my hook"), null, ADMISSION));
    c.add(new Case("spec.name with a dot", w, hook(ok).put("name", "my.hook"), null, ADMISSION));
    c.add(new Case("encodeAs xml", w, hook(ok).put("encodeAs", "xml"), null, ADMISSION));
    c.add(new Case("deletionPolicy Sometimes", w, hook(ok).put("deletionPolicy", "Sometimes"), null, ADMISSION));
    c.add(new Case("managementPolicy ReadOnly", w, hook(ok).put("managementPolicy", "ReadOnly"), null, ADMISSION));
    c.add(new Case("payload over the schema cap", w, hook(ok).put("payload", "[" + "1,".repeat(140_000) + "1]"),
        null, ADMISSION));
    ObjectNode noKey = hook(null);
    noKey.putObject("urlFrom").putObject("secretKeyRef").put("name", "s");
    c.add(new Case("urlFrom without a key", w, noKey, null, ADMISSION));
    c.add(new Case("variable name in lower case", v, variable("x").put("name", "lower"), null, ADMISSION));
    c.add(new Case("variable with value and valueFrom", v, variable(null).put("value", "x"), null, ADMISSION));
    c.add(new Case("variable with neither", v, JSON.createObjectNode().put("isSecret", true), null, ADMISSION));
    c.add(new Case("variable value over the schema cap", v, variable("x".repeat(270_000)), null, ADMISSION));
    // literal values the operator refuses
    c.add(new Case("url with no host", w, hook("https://:443/x"), null, "InvalidSpec"));
    c.add(new Case("url with a space", w, hook("https://hooks.example.com/a b"), null, "InvalidSpec"));
    c.add(new Case("url with a tab", w, hook("https://hooks.example.com/a\tb"), null, "InvalidSpec"));
    c.add(new Case("url ending in CR", w, hook(ok + "\r"), null, "InvalidSpec"));
    c.add(new Case("url with NUL", w, hook(ok + "\u0000"), null, "InvalidSpec"));
    c.add(new Case("url with a '|'", w, hook("https://hooks.example.com/a|b"), null, "InvalidSpec"));
    c.add(new Case("url with a broken IPv6 host", w, hook("https://[::1/x"), null, "InvalidSpec"));
    c.add(new Case("url over 2048 characters", w, hook(ok + "/" + "a".repeat(2100)), null, "InvalidSpec"));
    c.add(new Case("url with a non-breaking space", w, hook(ok + "\u00a0"), null, "InvalidSpec"));
    c.add(new Case("payload empty", w, hook(ok).put("payload", ""), null, "InvalidSpec"));
    c.add(new Case("payload a JSON number", w, hook(ok).put("payload", "42"), null, "InvalidSpec"));
    c.add(new Case("payload a JSON string", w, hook(ok).put("payload", "\"$EVENT_TITLE\""), null, "InvalidSpec"));
    c.add(new Case("payload with trailing text", w, hook(ok).put("payload", "{\"a\":1} trailing"), null,
        "InvalidSpec"));
    c.add(new Case("payload with a second document", w, hook(ok).put("payload", "{\"a\":1}{\"b\":2}"), null,
        "InvalidSpec"));
    c.add(new Case("payload not JSON", w, hook(ok).put("payload", "text: $EVENT_TITLE"), null, "InvalidSpec"));
    c.add(new Case("payload nested 65 deep", w, hook(ok).put("payload", nested(65)), null, "InvalidSpec"));
    c.add(new Case("payload nested 1000 deep", w, hook(ok).put("payload", nested(1000)), null, "InvalidSpec"));
    c.add(new Case("payload over 64 KiB", w, hook(ok).put("payload", "[" + "1,".repeat(40_000) + "1]"), null,
        "InvalidSpec"));
    c.add(new Case("header value with CR", w, withHeader(hook(ok), "X-A", "a\rb"), null, "InvalidSpec"));
    c.add(new Case("header value with LF (injection)", w, withHeader(hook(ok), "X-A", "a\r\nX-Injected: 1"), null,
        "InvalidSpec"));
    c.add(new Case("header value with NUL", w, withHeader(hook(ok), "X-A", "a\u0000"), null, "InvalidSpec"));
    c.add(new Case("header value with ESC", w, withHeader(hook(ok), "X-A", "a\u001b[31m"), null, "InvalidSpec"));
    c.add(new Case("header value over 8 KiB", w, withHeader(hook(ok), "X-A", "a".repeat(9000)), null,
        "InvalidSpec"));
    c.add(new Case("header name over 256 characters", w, withHeader(hook(ok), "X".repeat(300), "1"), null,
        "InvalidSpec"));
    ObjectNode sixtyFive = hook(ok);
    for (int i = 0; i < 65; i++) {
      withHeader(sixtyFive, "X-" + i, "1");
    }
    c.add(new Case("65 headers", w, sixtyFive, null, "InvalidSpec"));
    c.add(new Case("the same header twice", w, withHeader(withHeader(hook(ok), "X-A", "1"), "x-a", "2"), null,
        "InvalidSpec"));
    c.add(new Case("variable value with NUL", v, variable("a\u0000b"), null, "InvalidSpec"));
    c.add(new Case("variable value over 64 KiB", v, variable("x".repeat(70_000)), null, "InvalidSpec"));
    // values from Secrets get the same checks
    c.add(new Case("urlFrom javascript:", w, hookFromSecret(), secret("javascript:alert(1)"), "InvalidSpec"));
    c.add(new Case("urlFrom file:", w, hookFromSecret(), secret("file:///etc/passwd"), "InvalidSpec"));
    c.add(new Case("urlFrom ftp:", w, hookFromSecret(), secret("ftp://hooks.example.com"), "InvalidSpec"));
    c.add(new Case("urlFrom with no host", w, hookFromSecret(), secret("https://:443/x"), "InvalidSpec"));
    c.add(new Case("urlFrom ending in two line breaks", w, hookFromSecret(), secret(ok + "\r\n\r\n"),
        "InvalidSpec"));
    c.add(new Case("urlFrom with a line break inside", w, hookFromSecret(), secret(ok + "\nX-Injected: 1"),
        "InvalidSpec"));
    c.add(new Case("urlFrom with a space", w, hookFromSecret(), secret("https://hooks.example.com/a b"),
        "InvalidSpec"));
    c.add(new Case("urlFrom empty", w, hookFromSecret(), secret(""), "InvalidSpec"));
    c.add(new Case("urlFrom over 2048 characters", w, hookFromSecret(), secret(ok + "/" + "a".repeat(2100)),
        "InvalidSpec"));
    c.add(new Case("urlFrom not UTF-8", w, hookFromSecret(), secretBytes((byte) 'h', (byte) 0xff, (byte) 0xfe),
        "InvalidSpec"));
    c.add(new Case("header valueFrom with CR LF (injection)", w, withHeader(hook(ok), "Authorization", null),
        secret("Bearer x\r\nX-Injected: 1"), "InvalidSpec"));
    c.add(new Case("header valueFrom with NUL", w, withHeader(hook(ok), "Authorization", null),
        secret("Bearer \u0000"), "InvalidSpec"));
    c.add(new Case("header valueFrom not UTF-8", w, withHeader(hook(ok), "Authorization", null),
        secretBytes((byte) 0xc3, (byte) 0x28), "InvalidSpec"));
    c.add(new Case("header valueFrom over 8 KiB", w, withHeader(hook(ok), "Authorization", null),
        secret("a".repeat(9000)), "InvalidSpec"));
    c.add(new Case("variable valueFrom with NUL", v, variable(null), secret("a\u0000b"), "InvalidSpec"));
    c.add(new Case("variable valueFrom not UTF-8", v, variable(null), secretBytes((byte) 0xed, (byte) 0xa0,
        (byte) 0x80), "InvalidSpec"));
    c.add(new Case("variable valueFrom over 64 KiB", v, variable(null), secret("x".repeat(70_000)),
        "InvalidSpec"));
    // references that lead nowhere
    c.add(new Case("urlFrom a Secret that does not exist", w, hookFromSecret(), null, "SecretNotFound"));
    c.add(new Case("urlFrom a key that does not exist", w, hookFromSecret(), Map.of("other", new byte[] {'x'}),
        "SecretNotFound"));
    c.add(new Case("variable valueFrom a missing Secret", v, variable(null), null, "SecretNotFound"));
    return c;
  }

  @Test
  void everyBadInputIsRefusedOrReportedAndNothingReachesDatadog() {
    List<Case> cases = cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
    List<String> table = new ArrayList<>();
    Map<String, String> results = new LinkedHashMap<>();
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      String name = "bad-" + i;
      String secretName = "s-" + i;
      if (c.secret() != null) {
        Map<String, String> data = new LinkedHashMap<>();
        c.secret().forEach((k, value) -> data.put(k, Base64.getEncoder().encodeToString(value)));
        h.client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName(secretName)
            .endMetadata().withData(data).build()).create();
      }
      String spec = c.spec().toString().replace("\"name\":\"s\"", "\"name\":\"" + secretName + "\"");
      String result = create(c.kind(), name, spec);
      if (result == null) {
        result = awaitReason(c.kind(), name);
      }
      results.put(name, result);
      table.add(String.format("| %2d | %-45s | %-14s | %-20s |", i + 1, c.what(), c.kind().replace("Datadog", ""),
          result));
    }
    System.out.println("| #  | bad input                                     | kind           | outcome"
        + "              |\n" + String.join("\n", table));
    for (int i = 0; i < cases.size(); i++) {
      assertThat(results.get("bad-" + i)).as(cases.get(i).what()).isEqualTo(cases.get(i).expected());
    }
    assertThat(h.datadog.writes()).as("no bad input made a Datadog write").isEmpty();

    // and the operator is none the worse for it
    assertThat(h.health().alive()).isTrue();
    assertThat(h.health().ready()).isTrue();
    h.create(io.ddwebhooks.operator.testing.Fixtures.webhook(NS, "good", "https://hooks.example.com/good"));
    h.awaitSynced(DatadogWebhook.class, NS, "good");
  }

  /** Creates the resource; returns the admission refusal, or null when the API server took it. */
  private static String create(String kind, String name, String specJson) {
    String json = "{\"apiVersion\":\"ddwebhooks.io/v1alpha1\",\"kind\":\"" + kind + "\",\"metadata\":{\"name\":\""
        + name + "\",\"namespace\":\"" + NS + "\"},\"spec\":" + specJson + "}";
    GenericKubernetesResource resource = h.client.getKubernetesSerialization().unmarshal(json,
        GenericKubernetesResource.class);
    try {
      h.client.genericKubernetesResources("ddwebhooks.io/v1alpha1", kind).inNamespace(NS).resource(resource)
          .create();
      return null;
    } catch (KubernetesClientException e) {
      assertThat(e.getCode()).as("refused as invalid: %s", e.getMessage()).isEqualTo(422);
      return ADMISSION;
    }
  }

  private static String awaitReason(String kind, String name) {
    Class<? extends io.fabric8.kubernetes.client.CustomResource<?, io.ddwebhooks.operator.crd.DatadogResourceStatus>>
        type = kind.equals("DatadogWebhook") ? DatadogWebhook.class : DatadogCustomVariable.class;
    String[] reason = new String[1];
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      var r = h.client.resources(type).inNamespace(NS).withName(name).get();
      assertThat(r.getStatus()).isNotNull();
      reason[0] = ReadyCondition.reason(r.getStatus()).orElse(null);
      assertThat(reason[0]).isNotNull();
    });
    return reason[0];
  }

}
