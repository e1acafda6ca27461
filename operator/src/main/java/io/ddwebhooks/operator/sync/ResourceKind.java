package io.ddwebhooks.operator.sync;

import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.ManagedSpec;
import io.ddwebhooks.operator.crd.SecretKeySelector;
import java.util.List;
import java.util.Optional;

/**
 * What differs between the two kinds, as pure functions of plain inputs: the Datadog name a spec asks for,
 * validation, the Secret keys it refers to, rendering to the wire object, and comparing wire objects by meaning.
 * Makes no Datadog call ({@link RemoteObjects} does) and knows no Kubernetes type.
 *
 * @param <S> the spec
 * @param <T> the Datadog wire object
 */
public interface ResourceKind<S extends ManagedSpec, T> {

  /** "webhook" or "custom variable", for messages. */
  String noun();

  /** The name the spec asks for in Datadog, given the resource's metadata.name. */
  String datadogName(S spec, String metadataName);

  /** Problems a user must fix in the spec; empty when valid. Messages never carry a Secret's value. */
  List<String> validate(S spec, String metadataName);

  /**
   * The checks {@link #validate} applies to literal values, applied to the values read from Secrets; messages name
   * the field, the Secret and the key, never the value.
   */
  default List<String> validateSecretValues(S spec, SecretValues secrets) {
    return List.of();
  }

  /** Secret keys the spec refers to (only called on a valid spec). */
  List<SecretKeySelector> secretRefs(S spec);

  /**
   * What status says about the object this resource owns, for defaults that must not change once applied:
   * {@code ownsObject}, it created or adopted one; {@code appliedIsSecret}, the secrecy it last applied (variables).
   */
  record History(boolean ownsObject, Boolean appliedIsSecret) {
    public static final History NONE = new History(false, null);

    /** What {@code status} (null: none yet) records. */
    public static History of(DatadogResourceStatus status) {
      return status == null ? NONE : new History(status.getRemoteName() != null || status.getPendingName() != null,
          status.getAppliedIsSecret());
    }
  }

  /** The Datadog object the spec asks for, with Secret values filled in. */
  T render(S spec, String metadataName, SecretValues secrets, History history);

  /** Whether objects of this kind carry templates Datadog fills variables into (webhooks). */
  /**
   * Whether a create may skip the GET when status proves the object was never made: Datadog's recorded answer to a
   * POST of a taken name ("already exists") is then the authority. Only where that answer is recorded.
   */
  default boolean createsWithoutRead() {
    return false;
  }

  default boolean hasTemplates() {
    return false;
  }

  /**
   * A value other templates can refer to ({@code $NAME}), with Secret values filled in: a custom variable's value;
   * empty for kinds without one. What it refers to in turn is checked wherever it is referred to.
   */
  default Optional<String> templateValue(S spec, SecretValues secrets) {
    return Optional.empty();
  }

  /** The texts Datadog fills variables into (URL, header values, payload), with where each came from. */
  default List<VariableCheck.Text> templates(S spec, SecretValues secrets) {
    return List.of();
  }

  /** The secrecy to record in status after {@code desired} was applied; empty for kinds without one. */
  default Optional<Boolean> appliedIsSecret(T desired) {
    return Optional.empty();
  }

  /** Advice for the user about a spec that works but should be made explicit (a Warning Event); empty if none. */
  default Optional<String> advice(S spec, History history) {
    return Optional.empty();
  }

  String nameOf(T object);

  /** A stable text of everything the operator manages in {@code desired}, input to the status fingerprint. */
  String canonical(T desired);

  /**
   * A stable text of what Datadog will return of {@code object} (secret values left out, server defaults filled in):
   * equal for what was sent and what a GET finds when nobody changed it. An interrupted create or rename records the
   * fingerprint of this text, so that the object found under that name later is taken for this resource's only when
   * it holds exactly what was sent.
   */
  String recognizable(T object);

  /**
   * Whether {@code object}, found under a name an interrupted write may have used, holds what {@code sent} recognises.
   * Never for an object Datadog shows nothing identifying of ({@link #identifiable}): any object of that name would
   * match, so it cannot be told from one somebody else made.
   */
  default boolean holdsSent(T object, java.util.function.Predicate<String> sent) {
    return identifiable(object) && sent.test(recognizable(object));
  }

  /**
   * Whether what Datadog shows of {@code object} ({@link #recognizable}) can tell it from one somebody else made under
   * its name. Not a secret custom variable: its value, all it holds, is never shown. An object Datadog shows all but
   * a secret of (an auth method) is: what it shows is compared with what was sent.
   */
  default boolean identifiable(T object) {
    return true;
  }

  /**
   * For an object Datadog would not show in full: what to create first instead, which it does show (and which
   * {@link #holdsSent} can therefore recognise after a lost answer), to be overwritten with {@code desired} at once.
   */
  default Optional<T> standIn(T desired) {
    return Optional.empty();
  }

  /**
   * Names of the managed fields where {@code actual} differs from {@code desired} (never their values).
   * {@code appliedBefore}: this exact desired state was applied earlier, which is the only way to know that a value
   * Datadog will not return (a secret variable's) is still current.
   */
  List<String> differences(T desired, T actual, boolean appliedBefore);

  /** {@code spec.name} when set, else the name derived from metadata.name. */
  static String specNameOr(String specName, String derived) {
    return specName != null && !specName.isEmpty() ? specName : derived;
  }

  /** What users must change themselves after a rename (Datadog does not update references); empty if nothing. */
  default Optional<String> renameNotice(String oldName, String newName) {
    return Optional.empty();
  }
}
