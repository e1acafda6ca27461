package io.ddwebhooks.operator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ddwebhooks.operator.testing.RealKubernetes;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * deploy/crds on a real API server: every invalid resource is refused at admission (OpenAPI patterns and enums, and
 * CEL rules) with a message a user understands, and valid edge cases are accepted.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CrdValidationIT {

  private static RealKubernetes k8s;

  @BeforeAll
  static void start() {
    k8s = RealKubernetes.start();
    k8s.admin().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
        .withName("validation").endMetadata().build()).create();
  }

  @AfterAll
  static void stop() {
    k8s.close();
  }

  private static String webhook(String name, String spec) {
    return "apiVersion: ddwebhooks.io/v1alpha1\nkind: DatadogWebhook\nmetadata:\n  name: " + name
        + "\n  namespace: validation\n" + spec;
  }

  private static String variable(String name, String spec) {
    return "apiVersion: ddwebhooks.io/v1alpha1\nkind: DatadogCustomVariable\nmetadata:\n  name: " + name
        + "\n  namespace: validation\n" + spec;
  }

  private static String authMethod(String name, String spec) {
    return "apiVersion: ddwebhooks.io/v1alpha1\nkind: DatadogWebhookAuthMethod\nmetadata:\n  name: " + name
        + "\n  namespace: validation\n" + spec;
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("auth method without spec", authMethod("no-spec", ""), "spec is required"),
        Arguments.of("auth method without credentials", authMethod("no-oauth", "spec:\n  name: x\n"),
            "spec.oauth2ClientCredentials: Required value"),
        Arguments.of("plain-http token URL", authMethod("plain", """
            spec:
              oauth2ClientCredentials:
                accessTokenUrl: http://auth.example.com/token
                clientId: c
                clientSecretFrom: {secretKeyRef: {name: s, key: k}}
            """), "spec.oauth2ClientCredentials.accessTokenUrl in body should match '^https://"),
        Arguments.of("clientId and clientIdFrom", authMethod("both-ids", """
            spec:
              oauth2ClientCredentials:
                accessTokenUrl: https://auth.example.com/token
                clientId: c
                clientIdFrom: {secretKeyRef: {name: s, key: id}}
                clientSecretFrom: {secretKeyRef: {name: s, key: k}}
            """), "exactly one of clientId or clientIdFrom must be set"),
        Arguments.of("no client secret", authMethod("no-secret", """
            spec:
              oauth2ClientCredentials:
                accessTokenUrl: https://auth.example.com/token
                clientId: c
            """), "spec.oauth2ClientCredentials.clientSecretFrom: Required value"),
        Arguments.of("auth method name over 100 characters", authMethod("long", "spec:\n  name: " + "n".repeat(101)
            + "\n  oauth2ClientCredentials:\n    accessTokenUrl: https://a.example.com/t\n    clientId: c\n"
            + "    clientSecretFrom: {secretKeyRef: {name: s, key: k}}\n"), "spec.name: Too long"),
        Arguments.of("webhook without spec", webhook("no-spec", ""), "spec is required"),
        Arguments.of("url and urlFrom", webhook("both-urls", """
            spec:
              url: https://a.example.com
              urlFrom: {secretKeyRef: {name: s, key: k}}
            """), "exactly one of url or urlFrom must be set"),
        Arguments.of("neither url nor urlFrom", webhook("no-url", "spec:\n  encodeAs: json\n"),
            "exactly one of url or urlFrom must be set"),
        Arguments.of("url without scheme", webhook("no-scheme", "spec:\n  url: example.com/hook\n"),
            "spec.url in body should match '^https?://.+$'"),
        Arguments.of("url with another scheme", webhook("ftp", "spec:\n  url: ftp://example.com\n"),
            "spec.url in body should match"),
        Arguments.of("name with a space", webhook("spaced", "spec:\n  name: my hook\n  url: https://a.example.com\n"),
            "spec.name in body should match '^[A-Za-z0-9_-]+$'"),
        Arguments.of("dotted metadata.name without spec.name",
            webhook("team.alerts", "spec:\n  url: https://a.example.com\n"),
            "metadata.name contains '.', which a Datadog webhook name cannot: set spec.name"),
        Arguments.of("unknown encoding", webhook("xml", "spec:\n  url: https://a.example.com\n  encodeAs: xml\n"),
            "Unsupported value: \"xml\": supported values: \"form\", \"json\""),
        Arguments.of("header with value and valueFrom", webhook("header-both", """
            spec:
              url: https://a.example.com
              customHeaders:
                - name: Authorization
                  value: x
                  valueFrom: {secretKeyRef: {name: s, key: k}}
            """), "exactly one of value or valueFrom must be set"),
        Arguments.of("header without value", webhook("header-none", """
            spec:
              url: https://a.example.com
              customHeaders:
                - name: Authorization
            """), "exactly one of value or valueFrom must be set"),
        Arguments.of("header without name", webhook("header-anon", """
            spec:
              url: https://a.example.com
              customHeaders:
                - value: x
            """), "spec.customHeaders[0].name: Required value"),
        Arguments.of("header name with a space", webhook("header-space", """
            spec:
              url: https://a.example.com
              customHeaders:
                - name: X Team
                  value: x
            """), "spec.customHeaders[0].name in body should match"),
        Arguments.of("urlFrom without secretKeyRef", webhook("urlfrom-empty", "spec:\n  urlFrom: {}\n"),
            "spec.urlFrom.secretKeyRef: Required value"),
        Arguments.of("secretKeyRef without key", webhook("ref-no-key",
            "spec:\n  urlFrom: {secretKeyRef: {name: s}}\n"), "spec.urlFrom.secretKeyRef.key: Required value"),
        Arguments.of("secretKeyRef with an invalid Secret name", webhook("ref-bad-name",
            "spec:\n  urlFrom: {secretKeyRef: {name: Not_A_Name, key: k}}\n"),
            "spec.urlFrom.secretKeyRef.name in body should match"),
        Arguments.of("variable without spec", variable("no-spec", ""), "spec is required"),
        Arguments.of("lower-case variable name", variable("lower", "spec:\n  name: my_var\n  value: x\n"),
            "spec.name in body should match '^[A-Z0-9_]+$'"),
        Arguments.of("variable with value and valueFrom", variable("both", """
            spec:
              value: x
              valueFrom: {secretKeyRef: {name: s, key: k}}
            """), "exactly one of value or valueFrom must be set"),
        Arguments.of("variable without a value", variable("none", "spec:\n  isSecret: true\n"),
            "exactly one of value or valueFrom must be set"),
        Arguments.of("isSecret not a boolean", variable("stringly", "spec:\n  value: x\n  isSecret: \"yes\"\n"),
            "spec.isSecret: Invalid value: \"string\": spec.isSecret in body must be of type boolean"),
        // credentials and references to them
        Arguments.of("credentials with site and url", credentials("both", """
            spec:
              site: datadoghq.com
              url: https://api.datadoghq.com
              apiKeySecretRef: {name: k, key: api}
              appKeySecretRef: {name: k, key: app}
            """), "exactly one of site or url must be set"),
        Arguments.of("credentials with neither site nor url", credentials("neither", """
            spec:
              apiKeySecretRef: {name: k, key: api}
              appKeySecretRef: {name: k, key: app}
            """), "exactly one of site or url must be set"),
        Arguments.of("credentials with an unknown site", credentials("typo", """
            spec:
              site: datadoghq.co
              apiKeySecretRef: {name: k, key: api}
              appKeySecretRef: {name: k, key: app}
            """), "spec.site in body should match"),
        Arguments.of("credentials without an app key", credentials("no-app", """
            spec:
              site: datadoghq.eu
              apiKeySecretRef: {name: k, key: api}
            """), "spec.appKeySecretRef: Required value"),
        Arguments.of("credentials with an ftp url", credentials("ftp", """
            spec:
              url: ftp://proxy.example.com
              apiKeySecretRef: {name: k, key: api}
              appKeySecretRef: {name: k, key: app}
            """), "spec.url in body should match"),
        Arguments.of("credentials with a bad organization", credentials("org", """
            spec:
              site: datadoghq.com
              organization: "has space"
              apiKeySecretRef: {name: k, key: api}
              appKeySecretRef: {name: k, key: app}
            """), "spec.organization in body should match"),
        Arguments.of("cluster credentials key without a namespace", clusterCredentials("no-ns", """
            spec:
              site: datadoghq.com
              apiKeySecretRef: {name: k, key: api}
              appKeySecretRef: {namespace: ops, name: k, key: app}
            """), "spec.apiKeySecretRef.namespace: Required value"),
        Arguments.of("cluster credentials with an unknown selector operator", clusterCredentials("selector", """
            spec:
              site: datadoghq.com
              apiKeySecretRef: {namespace: ops, name: k, key: api}
              appKeySecretRef: {namespace: ops, name: k, key: app}
              namespaceSelector:
                matchExpressions: [{key: team, operator: Near, values: [a]}]
            """), "operator in body should match"),
        Arguments.of("a credentialsRef of another kind", webhook("ref-kind", """
            spec:
              url: https://a.example.com
              credentialsRef: {kind: Secret, name: k}
            """), "spec.credentialsRef.kind in body should match"),
        Arguments.of("a credentialsRef without a name", variable("ref-no-name", """
            spec:
              value: x
              credentialsRef: {kind: DatadogCredentials}
            """), "spec.credentialsRef.name: Required value"));
  }

  private static String credentials(String name, String spec) {
    return "apiVersion: ddwebhooks.io/v1alpha1\nkind: DatadogCredentials\nmetadata:\n  name: " + name
        + "\n  namespace: validation\n" + spec;
  }

  private static String clusterCredentials(String name, String spec) {
    return "apiVersion: ddwebhooks.io/v1alpha1\nkind: ClusterDatadogCredentials\nmetadata:\n  name: " + name + "\n"
        + spec;
  }

  @ParameterizedTest(name = "refused: {0}")
  @MethodSource("invalid")
  void invalidResourcesAreRefusedWithAClearMessage(String what, String yaml, String message) {
    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
        () -> k8s.admin().resource(yaml).create());
    assertThat(e).as("%s must be refused", what).isNotNull();
    assertThat(e.getCode()).isEqualTo(422);
    assertThat(e.getMessage()).contains(message);
  }

  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("http url, default name", webhook("plain-http", "spec:\n  url: http://a.example.com\n")),
        Arguments.of("dotted metadata.name with spec.name",
            webhook("team.alerts.ok", "spec:\n  name: team_alerts-2\n  url: https://a.example.com\n")),
        Arguments.of("one-character name", webhook("one-char", "spec:\n  name: x\n  url: https://a.example.com\n")),
        Arguments.of("everything set", webhook("full", """
            spec:
              name: Full_Hook-1
              urlFrom: {secretKeyRef: {name: creds.v2, key: hook.url}}
              encodeAs: form
              payload: '{"a": {"b": ["$EVENT_TITLE", 1]}}'
              customHeaders:
                - name: X-Literal
                  value: ""
                - name: Authorization
                  valueFrom: {secretKeyRef: {name: creds, key: token}}
            """)),
        Arguments.of("empty header list", webhook("no-headers",
            "spec:\n  url: https://a.example.com\n  customHeaders: []\n")),
        Arguments.of("digits-only variable name", variable("digits", "spec:\n  name: \"123\"\n  value: x\n")),
        Arguments.of("empty variable value", variable("empty-value", "spec:\n  value: \"\"\n")),
        Arguments.of("secret variable from a Secret", variable("from-secret", """
            spec:
              valueFrom: {secretKeyRef: {name: s, key: k}}
              isSecret: true
            """)),
        Arguments.of("credentials on a site with an organization", credentials("eu", """
            spec:
              site: datadoghq.eu
              organization: acme.eu-prod_1
              apiKeySecretRef: {name: k, key: api}
              appKeySecretRef: {name: k, key: app}
            """)),
        Arguments.of("cluster credentials for selected namespaces", clusterCredentials("selected", """
            spec:
              url: https://datadog-proxy.internal:8443
              apiKeySecretRef: {namespace: ops, name: k, key: api}
              appKeySecretRef: {namespace: ops, name: k, key: app}
              namespaceSelector:
                matchLabels: {team: a}
                matchExpressions: [{key: env, operator: In, values: [prod, staging]}]
            """)),
        Arguments.of("a webhook in another org", webhook("other-org", """
            spec:
              url: https://a.example.com
              credentialsRef: {kind: ClusterDatadogCredentials, name: selected}
            """)));
  }

  @ParameterizedTest(name = "accepted: {0}")
  @MethodSource("valid")
  void validEdgeCasesAreAccepted(String what, String yaml) {
    assertThat(k8s.admin().resource(yaml).create()).as(what).isNotNull();
  }
}
