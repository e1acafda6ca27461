package io.ddwebhooks.operator.reconciler.credentials;

import io.ddwebhooks.operator.crd.CredentialsRef;

/** How a credentials reference is written in status.credentials.ref, and read back. */
public final class CredentialsRefs {

  /** The reference status records for the default org (DEFAULT_CREDENTIALS or the environment's keys). */
  public static final String DEFAULT_REF = "default";

  private CredentialsRefs() {}

  /** How {@code ref} is written in status.credentials.ref. */
  public static String refString(CredentialsRef ref) {
    return ref == null ? DEFAULT_REF : ref.getKind() + "/" + ref.getName();
  }

  /** How a recorded reference is named in messages. */
  static String describe(String ref) {
    return ref == null || ref.equals(DEFAULT_REF) ? "the default org's credentials" : "the credentials " + ref;
  }

  /** The reverse of {@link #refString}; null for the default org. */
  static CredentialsRef parseRef(String ref) {
    if (ref == null || ref.equals(DEFAULT_REF) || !ref.contains("/")) {
      return null;
    }
    int slash = ref.indexOf('/');
    return new CredentialsRef(ref.substring(0, slash), ref.substring(slash + 1));
  }
}
