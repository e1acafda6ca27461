package io.ddwebhooks.operator.reconciler.kube;

import io.ddwebhooks.operator.crd.SecretKeySelector;
import io.ddwebhooks.operator.sync.SecretValues;
import java.util.Collection;

/** Where referenced Secret keys are read from (the API server in production; a map in unit tests). */
public interface SecretSource {

  /** Thrown when a referenced Secret or key does not exist; the message names them, never a value. */
  class MissingSecretException extends Exception {
    public MissingSecretException(String message) {
      super(message);
    }
  }

  /** Thrown when a referenced key holds bytes that are not UTF-8 text; the message names it, never a value. */
  class InvalidSecretException extends Exception {
    public InvalidSecretException(String message) {
      super(message);
    }
  }

  SecretValues read(String namespace, Collection<SecretKeySelector> refs)
      throws MissingSecretException, InvalidSecretException;
}
