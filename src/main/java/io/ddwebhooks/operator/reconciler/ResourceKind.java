package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.ManagedSpec;
import io.ddwebhooks.operator.crd.SecretKeySelector;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.List;

/** What differs between the two custom resources: validation, Secret references, and rendering to the wire. */
public interface ResourceKind<R extends CustomResource<? extends ManagedSpec, DatadogResourceStatus>, T> {

  /** The name the resource asks for in Datadog. Pure. */
  String datadogName(R resource);

  /** Problems a user must fix in the spec; empty when valid. Pure. */
  List<String> validate(R resource);

  /** Secret keys the spec refers to (only called on a valid spec). Pure. */
  List<SecretKeySelector> secretRefs(R resource);

  /** The Datadog object the spec asks for, with Secret values filled in. Pure. */
  T render(R resource, SecretValues secrets);

  RemoteKind<T> remote();
}
