package io.ddwebhooks.operator.config;

import java.util.Set;

/**
 * Where resources may adopt an existing Datadog object (annotation ddwebhooks.io/adopt). Adoption lets a tenant
 * change or delete a webhook the whole org depends on, so it is off unless the operator's configuration allows it.
 */
public record AdoptionScope(boolean everywhere, Set<String> namespaces) {

  public static final AdoptionScope NOWHERE = new AdoptionScope(false, Set.of());

  /** From ALLOW_ADOPTION_NAMESPACES: empty = nowhere, "*" = every namespace, else a comma-separated list. */
  public static AdoptionScope parse(String value) {
    if (value == null || value.isBlank()) {
      return NOWHERE;
    }
    if (value.trim().equals("*")) {
      return new AdoptionScope(true, Set.of());
    }
    return new AdoptionScope(false, OperatorConfig.parseNamespaces(value));
  }

  public boolean allows(String namespace) {
    return everywhere || namespaces.contains(namespace);
  }

  @Override
  public String toString() {
    return everywhere ? "all namespaces" : namespaces.isEmpty() ? "nowhere" : namespaces.toString();
  }
}
