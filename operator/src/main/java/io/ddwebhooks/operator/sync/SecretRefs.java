package io.ddwebhooks.operator.sync;

import io.ddwebhooks.operator.crd.ValueSource;
import java.util.List;

/** Validation of a spec's valueFrom/urlFrom blocks. */
final class SecretRefs {

  private SecretRefs() {}

  static List<String> validate(String where, ValueSource source) {
    if (source.getSecretKeyRef() == null) {
      return List.of(where + ".secretKeyRef is required");
    }
    if (source.getSecretKeyRef().getName() == null || source.getSecretKeyRef().getName().isBlank()) {
      return List.of(where + ".secretKeyRef.name is required");
    }
    if (source.getSecretKeyRef().getKey() == null || source.getSecretKeyRef().getKey().isBlank()) {
      return List.of(where + ".secretKeyRef.key is required");
    }
    return List.of();
  }
}
