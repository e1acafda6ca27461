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
    }
    return problems;
  }

  @Override
  public List<SecretKeySelector> secretRefs(DatadogCustomVariableSpec spec) {
    return spec.getValueFrom() == null ? List.of() : List.of(spec.getValueFrom().getSecretKeyRef());
  }

  @Override
  public CustomVariable render(DatadogCustomVariableSpec spec, String metadataName, SecretValues secrets) {
    String value = spec.getValue() != null ? spec.getValue() : secrets.get(spec.getValueFrom().getSecretKeyRef());
    return new CustomVariable(datadogName(spec, metadataName), value, Boolean.TRUE.equals(spec.getIsSecret()));
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
