package io.ddwebhooks.operator.testing;

import io.ddwebhooks.operator.datadog.CustomVariable;
import io.ddwebhooks.operator.datadog.DatadogApiException;
import io.ddwebhooks.operator.datadog.Operation;
import io.ddwebhooks.operator.datadog.Verdict;
import io.ddwebhooks.operator.datadog.Webhook;
import io.ddwebhooks.operator.datadog.WebhooksIntegrationApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory {@link WebhooksIntegrationApi} for unit tests: no HTTP, no threads. Records each call as
 * "OPERATION name" and answers a canned failure for the next call of an operation when told to ({@link #fail}).
 * Answers like Datadog: 404 for a missing object on update, 400 "already exists" for a taken name on create or
 * rename; a secret variable's value is never returned.
 */
public final class FakeDatadog implements WebhooksIntegrationApi {

  /** A canned answer: the status, Datadog's error texts and the rate-limit reset. */
  public record Failure(int status, List<String> errors, Duration reset) {
    public static Failure of(int status, String... errors) {
      return new Failure(status, List.of(errors), null);
    }
  }

  public final Map<String, Webhook> webhooks = new LinkedHashMap<>();
  public final Map<String, CustomVariable> variables = new LinkedHashMap<>();
  public final List<String> calls = new ArrayList<>();
  private final Map<Operation, Failure> failNext = new LinkedHashMap<>();
  private RuntimeException throwNext;

  /** The next call of {@code operation} (UPDATE covers renames) answers {@code failure}. */
  public FakeDatadog fail(Operation operation, Failure failure) {
    failNext.put(operation == Operation.RENAME ? Operation.UPDATE : operation, failure);
    return this;
  }

  /** The next call of any kind throws {@code e} (a bug somewhere below, say). */
  public FakeDatadog throwNext(RuntimeException e) {
    throwNext = e;
    return this;
  }

  public List<String> writes() {
    return calls.stream().filter(c -> !c.startsWith("GET")).toList();
  }

  private void call(Operation operation, String name) {
    calls.add(operation + " " + name);
    if (throwNext != null) {
      RuntimeException e = throwNext;
      throwNext = null;
      throw e;
    }
    Failure f = failNext.remove(operation);
    if (f != null) {
      DatadogApiException e = new DatadogApiException(operation + " '" + name + "'", f.status(), f.errors(),
          f.reset());
      // like the HTTP client: an absent object is an empty answer to a GET or a DELETE, not a failure
      if ((operation == Operation.GET || operation == Operation.DELETE)
          && e.verdict(operation) == Verdict.ABSENT) {
        throw new Absent();
      }
      if (e.verdict(operation) == Verdict.ABSENT) {
        // the object went away just before this write
        webhooks.remove(name);
        variables.remove(name);
      }
      throw e;
    }
  }

  /** Internal: the canned answer says the object is absent. */
  private static final class Absent extends RuntimeException {
    Absent() {
      super(null, null, false, false);
    }
  }

  private static DatadogApiException error(String op, int status, String message) {
    return new DatadogApiException(op, status, List.of(message), null);
  }

  @Override
  public Optional<Webhook> getWebhook(String name) {
    try {
      call(Operation.GET, name);
    } catch (Absent e) {
      return Optional.empty();
    }
    return Optional.ofNullable(webhooks.get(name));
  }

  @Override
  public Webhook createWebhook(Webhook webhook) {
    call(Operation.CREATE, webhook.name());
    if (webhooks.containsKey(webhook.name())) {
      throw error("POST", 400, "Webhook already exists");
    }
    webhooks.put(webhook.name(), webhook);
    return webhook;
  }

  @Override
  public Webhook updateWebhook(String currentName, Webhook webhook) {
    call(Operation.UPDATE, currentName);
    if (!webhooks.containsKey(currentName)) {
      throw error("PUT", 404, "Webhook does not exist");
    }
    if (!currentName.equals(webhook.name()) && webhooks.containsKey(webhook.name())) {
      throw error("PUT", 400, "Webhook already exists");
    }
    webhooks.remove(currentName);
    webhooks.put(webhook.name(), webhook);
    return webhook;
  }

  @Override
  public boolean deleteWebhook(String name) {
    try {
      call(Operation.DELETE, name);
    } catch (Absent e) {
      return false;
    }
    return webhooks.remove(name) != null;
  }

  @Override
  public Optional<CustomVariable> getCustomVariable(String name) {
    try {
      call(Operation.GET, name);
    } catch (Absent e) {
      return Optional.empty();
    }
    return Optional.ofNullable(variables.get(name))
        .map(v -> v.isSecret() ? new CustomVariable(v.name(), null, true) : v);
  }

  @Override
  public CustomVariable createCustomVariable(CustomVariable variable) {
    call(Operation.CREATE, variable.name());
    if (variables.containsKey(variable.name())) {
      throw error("POST", 400, "Custom variable already exists");
    }
    variables.put(variable.name(), variable);
    return variable;
  }

  @Override
  public CustomVariable updateCustomVariable(String currentName, CustomVariable variable) {
    call(Operation.UPDATE, currentName);
    if (!variables.containsKey(currentName)) {
      throw error("PUT", 404, "Custom variable does not exist");
    }
    variables.remove(currentName);
    variables.put(variable.name(), variable);
    return variable;
  }

  @Override
  public boolean deleteCustomVariable(String name) {
    try {
      call(Operation.DELETE, name);
    } catch (Absent e) {
      return false;
    }
    return variables.remove(name) != null;
  }
}
