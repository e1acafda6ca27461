package io.ddwebhooks.operator.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ddwebhooks.operator.crd.DatadogCustomVariableSpec;
import io.ddwebhooks.operator.crd.SecretKeySelector;
import io.ddwebhooks.operator.datadog.CustomVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Translates a DatadogCustomVariable into the Datadog custom variable it asks for, and compares them. */
public final class CustomVariableKind implements ResourceKind<DatadogCustomVariableSpec, CustomVariable> {

  private static final Pattern NAME = Pattern.compile(DatadogCustomVariableSpec.NAME_PATTERN);

  @Override
  public String noun() {
    return "custom variable";
  }

  /** spec.name, else metadata.name upper-cased with '-' and '.' as '_'. */
  @Override
  public String datadogName(DatadogCustomVariableSpec spec, String metadataName) {
    return ResourceKind.specNameOr(spec == null ? null : spec.getName(),
        metadataName.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_'));
  }

  @Override
  public List<String> validate(DatadogCustomVariableSpec spec, String metadataName) {
    if (spec == null) {
      return List.of("spec is required");
    }
    List<String> problems = new ArrayList<>();
    String name = datadogName(spec, metadataName);
    if (!NAME.matcher(name).matches()) {
      problems.add("custom variable name '" + name + "' may contain only upper-case letters, digits and '_'");
    }
    if ((spec.getValue() == null) == (spec.getValueFrom() == null)) {
      problems.add("exactly one of spec.value and spec.valueFrom must be set");
    } else if (spec.getValueFrom() != null) {
      problems.addAll(SecretRefs.validate("spec.valueFrom", spec.getValueFrom()));
    } else {
      ValueChecks.variableValue("spec.value", spec.getValue()).ifPresent(problems::add);
    }
    return problems;
  }

  /** The checks a literal value gets, on the value read from the Secret (named by Secret and key, never shown). */
  @Override
  public List<String> validateSecretValues(DatadogCustomVariableSpec spec, SecretValues secrets) {
    if (spec.getValueFrom() == null) {
      return List.of();
    }
    SecretKeySelector ref = spec.getValueFrom().getSecretKeyRef();
    return ValueChecks.variableValue(ValueChecks.fromSecret("spec.valueFrom", ref), secrets.get(ref)).stream()
        .toList();
  }

  @Override
  public List<SecretKeySelector> secretRefs(DatadogCustomVariableSpec spec) {
    return spec.getValueFrom() == null ? List.of() : List.of(spec.getValueFrom().getSecretKeyRef());
  }

  @Override
  public CustomVariable render(DatadogCustomVariableSpec spec, String metadataName, SecretValues secrets,
      History history) {
    String value = spec.getValue() != null ? spec.getValue() : secrets.get(spec.getValueFrom().getSecretKeyRef());
    return new CustomVariable(datadogName(spec, metadataName), value, secret(spec, history));
  }

  /**
   * spec.isSecret when set. Unset: what was applied before (a default never flips once chosen); for a variable from
   * before that record, false as it was created; for a new variable, true when its value comes from a Secret.
   */
  public static boolean secret(DatadogCustomVariableSpec spec, History history) {
    if (spec.getIsSecret() != null) {
      return spec.getIsSecret();
    }
    if (history.appliedIsSecret() != null) {
      return history.appliedIsSecret();
    }
    return !history.ownsObject() && spec.getValueFrom() != null;
  }

  @Override
  public Optional<Boolean> appliedIsSecret(CustomVariable desired) {
    return Optional.of(desired.isSecret());
  }

  @Override
  public Optional<String> advice(DatadogCustomVariableSpec spec, History history) {
    if (spec.getIsSecret() == null && spec.getValueFrom() != null && history.ownsObject()
        && history.appliedIsSecret() == null) {
      return Optional.of("spec.isSecret is unset and this variable existed before values from Secrets became"
          + " secret by default: it stays readable in Datadog as it was created. Set spec.isSecret explicitly"
          + " (true hides the value; webhooks that use it keep working)");
    }
    return Optional.empty();
  }

  @Override
  public String nameOf(CustomVariable object) {
    return object.name();
  }

  @Override
  public String canonical(CustomVariable v) {
    ObjectNode n = JsonText.mapper().createObjectNode();
    n.put("name", v.name());
    n.put("value", v.value());
    n.put("is_secret", v.isSecret());
    return n.toString();
  }

  @Override
  public Optional<String> templateValue(DatadogCustomVariableSpec spec, SecretValues secrets) {
    return Optional.ofNullable(spec.getValue() != null ? spec.getValue()
        : secrets.get(spec.getValueFrom().getSecretKeyRef()));
  }

  /** The name and secrecy, and the value only when it is not secret (Datadog never returns a secret one). */
  @Override
  public String recognizable(CustomVariable v) {
    ObjectNode n = JsonText.mapper().createObjectNode();
    n.put("name", v.name());
    n.put("is_secret", v.isSecret());
    if (!v.isSecret()) {
      n.put("value", v.value());
    }
    return n.toString();
  }

  /** A secret's value is never returned: a secret of some name is never known to be what was sent there. */
  @Override
  public boolean identifiable(CustomVariable v) {
    return !v.isSecret();
  }

  /** A secret is created as a readable variable holding a random value, then made secret with its value. */
  @Override
  public Optional<CustomVariable> standIn(CustomVariable desired) {
    byte[] nonce = new byte[16];
    STAND_IN_VALUES.nextBytes(nonce);
    return desired.isSecret() ? Optional.of(new CustomVariable(desired.name(), "being-created-"
        + java.util.HexFormat.of().formatHex(nonce), false)) : Optional.empty();
  }

  private static final java.security.SecureRandom STAND_IN_VALUES = new java.security.SecureRandom();

  @Override
  public Optional<String> renameNotice(String oldName, String newName) {
    return Optional.of("renamed custom variable '" + oldName + "' to '" + newName + "': Datadog does not update"
        + " webhooks that use $" + oldName + "; change them to $" + newName);
  }

  @Override
  public List<String> differences(CustomVariable desired, CustomVariable actual, boolean appliedBefore) {
    List<String> diffs = new ArrayList<>();
    if (!Objects.equals(desired.name(), actual.name())) {
      diffs.add("name");
    }
    if (desired.isSecret() != actual.isSecret()) {
      diffs.add("isSecret");
    }
    if (actual.isSecret() || actual.value() == null) {
      // Datadog never returns a secret value: it is current only if this exact state was applied before
      if (!appliedBefore) {
        diffs.add("value");
      }
    } else if (!Objects.equals(desired.value(), actual.value())) {
      diffs.add("value");
    }
    return diffs;
  }
}
