package io.ddwebhooks.operator.testing;

import io.ddwebhooks.operator.crd.CustomHeader;
import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogCustomVariableSpec;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.crd.DatadogWebhookAuthMethod;
import io.ddwebhooks.operator.crd.DatadogWebhookAuthMethodSpec;
import io.ddwebhooks.operator.crd.DatadogWebhookSpec;
import io.ddwebhooks.operator.crd.OAuth2ClientCredentials;
import io.ddwebhooks.operator.crd.ValueSource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** Builders for test resources. */
public final class Fixtures {

  private Fixtures() {}

  public static DatadogWebhook webhook(String ns, String name, String url) {
    DatadogWebhook w = new DatadogWebhook();
    w.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
    DatadogWebhookSpec spec = new DatadogWebhookSpec();
    spec.setUrl(url);
    w.setSpec(spec);
    return w;
  }

  public static DatadogWebhook webhookFromSecret(String ns, String name, String secret, String key) {
    DatadogWebhook w = webhook(ns, name, null);
    w.getSpec().setUrlFrom(ValueSource.secret(secret, key));
    return w;
  }

  public static CustomHeader header(String name, String value) {
    return new CustomHeader(name, value, null);
  }

  public static CustomHeader headerFromSecret(String name, String secret, String key) {
    return new CustomHeader(name, null, ValueSource.secret(secret, key));
  }

  public static DatadogCustomVariable variable(String ns, String name, String value, boolean secret) {
    DatadogCustomVariable v = new DatadogCustomVariable();
    v.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
    DatadogCustomVariableSpec spec = new DatadogCustomVariableSpec();
    spec.setValue(value);
    spec.setIsSecret(secret ? Boolean.TRUE : null);
    v.setSpec(spec);
    return v;
  }

  public static DatadogCustomVariable variableFromSecret(String ns, String name, String secret, String key,
      boolean isSecret) {
    DatadogCustomVariable v = variable(ns, name, null, isSecret);
    v.getSpec().setValueFrom(ValueSource.secret(secret, key));
    return v;
  }

  /** An OAuth2 auth method whose client secret is key {@code clientSecret} of Secret {@code secret}. */
  public static DatadogWebhookAuthMethod authMethod(String ns, String name, String datadogName, String secret) {
    DatadogWebhookAuthMethod m = new DatadogWebhookAuthMethod();
    m.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
    DatadogWebhookAuthMethodSpec spec = new DatadogWebhookAuthMethodSpec();
    spec.setName(datadogName);
    OAuth2ClientCredentials o = new OAuth2ClientCredentials();
    o.setAccessTokenUrl("https://auth.example.com/oauth/token");
    o.setClientId("client-a");
    o.setClientSecretFrom(ValueSource.secret(secret, "clientSecret"));
    spec.setOauth2ClientCredentials(o);
    m.setSpec(spec);
    return m;
  }
}
