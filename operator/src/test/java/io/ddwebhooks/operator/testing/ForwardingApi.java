package io.ddwebhooks.operator.testing;

import io.ddwebhooks.operator.datadog.CustomVariable;
import io.ddwebhooks.operator.datadog.Webhook;
import io.ddwebhooks.operator.datadog.WebhooksIntegrationApi;
import java.util.Optional;
import java.util.function.Supplier;

/** A Datadog client that forwards every call, with one hook around each write; tests override {@link #write}. */
public class ForwardingApi implements WebhooksIntegrationApi {

  private final WebhooksIntegrationApi delegate;

  public ForwardingApi(WebhooksIntegrationApi delegate) {
    this.delegate = delegate;
  }

  /** Called for every write; {@code name} is the object's current name. */
  protected <T> T write(String operation, String name, Supplier<T> call) {
    return call.get();
  }

  @Override
  public Optional<Webhook> getWebhook(String name) {
    return delegate.getWebhook(name);
  }

  @Override
  public Webhook createWebhook(Webhook webhook) {
    return write("create", webhook.name(), () -> delegate.createWebhook(webhook));
  }

  @Override
  public Webhook updateWebhook(String currentName, Webhook webhook) {
    return write("update", currentName, () -> delegate.updateWebhook(currentName, webhook));
  }

  @Override
  public boolean deleteWebhook(String name) {
    return write("delete", name, () -> delegate.deleteWebhook(name));
  }

  @Override
  public Optional<CustomVariable> getCustomVariable(String name) {
    return delegate.getCustomVariable(name);
  }

  @Override
  public CustomVariable createCustomVariable(CustomVariable variable) {
    return write("create", variable.name(), () -> delegate.createCustomVariable(variable));
  }

  @Override
  public CustomVariable updateCustomVariable(String currentName, CustomVariable variable) {
    return write("update", currentName, () -> delegate.updateCustomVariable(currentName, variable));
  }

  @Override
  public boolean deleteCustomVariable(String name) {
    return write("delete", name, () -> delegate.deleteCustomVariable(name));
  }

  @Override
  public Optional<io.ddwebhooks.operator.datadog.AuthMethod> getAuthMethod(String name) {
    return delegate.getAuthMethod(name);
  }

  @Override
  public io.ddwebhooks.operator.datadog.AuthMethod createAuthMethod(io.ddwebhooks.operator.datadog.AuthMethod m) {
    return write("create", m.name(), () -> delegate.createAuthMethod(m));
  }

  @Override
  public io.ddwebhooks.operator.datadog.AuthMethod updateAuthMethod(String currentName,
      io.ddwebhooks.operator.datadog.AuthMethod m) {
    return write("update", currentName, () -> delegate.updateAuthMethod(currentName, m));
  }

  @Override
  public boolean deleteAuthMethod(String name) {
    return write("delete", name, () -> delegate.deleteAuthMethod(name));
  }

  @Override
  public Optional<io.ddwebhooks.operator.datadog.AuthMethod> getAuthMethodById(String id) {
    return delegate.getAuthMethodById(id);
  }

  @Override
  public io.ddwebhooks.operator.datadog.AuthMethod updateAuthMethodById(String id,
      io.ddwebhooks.operator.datadog.AuthMethod m) {
    return write("update", m.name(), () -> delegate.updateAuthMethodById(id, m));
  }

  @Override
  public boolean deleteAuthMethodById(String id) {
    return write("delete", id, () -> delegate.deleteAuthMethodById(id));
  }

  @Override
  public java.util.List<io.ddwebhooks.operator.datadog.AuthMethod> listAuthMethods() {
    return delegate.listAuthMethods();
  }

  @Override
  public Optional<String> knownAuthMethodId(String name) {
    return delegate.knownAuthMethodId(name);
  }
}
