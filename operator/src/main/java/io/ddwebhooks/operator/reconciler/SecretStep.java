package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.ManagedSpec;
import io.ddwebhooks.operator.crd.SecretKeySelector;
import io.ddwebhooks.operator.reconciler.kube.SecretSource;
import io.ddwebhooks.operator.sync.Outcome;
import io.ddwebhooks.operator.sync.ResourceKind;
import io.ddwebhooks.operator.sync.SecretValues;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.List;

/** The Secret step of a reconcile: read the keys a spec refers to, and check the values like literal ones. */
final class SecretStep {

  /** The values read (none when reading failed), and why the reconcile stops here, if it does. */
  record Result(SecretValues values, Outcome stop) {}

  private SecretStep() {}

  static <S extends ManagedSpec> Result read(SecretSource secrets, ResourceKind<S, ?> kind, String namespace,
      S spec) {
    SecretValues values;
    try {
      values = secrets.read(namespace, kind.secretRefs(spec));
    } catch (SecretSource.MissingSecretException e) {
      // no retry timer: the Secret watch calls us again as soon as it appears
      return new Result(SecretValues.none(), new Outcome.MissingSecret(e.getMessage()));
    } catch (SecretSource.InvalidSecretException e) {
      return new Result(SecretValues.none(), new Outcome.Invalid(e.getMessage()));
    }
    List<String> badValues = kind.validateSecretValues(spec, values);
    // the same checks as literal values; nothing is sent to Datadog
    return new Result(values, badValues.isEmpty() ? null : new Outcome.Invalid(String.join("; ", badValues)));
  }

  /** The Secret keys a resource refers to, for the Secret watch; none while its spec is invalid. */
  static <S extends ManagedSpec> List<SecretKeySelector> validRefs(ResourceKind<S, ?> kind,
      CustomResource<S, ?> resource) {
    String name = resource.getMetadata().getName();
    return kind.validate(resource.getSpec(), name).isEmpty() ? kind.secretRefs(resource.getSpec()) : List.of();
  }
}
