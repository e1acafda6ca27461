package io.ddwebhooks.operator.reconciler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogCustomVariableSpec;
import io.ddwebhooks.operator.crd.SecretKeySelector;
import io.ddwebhooks.operator.datadog.CustomVariable;
import io.ddwebhooks.operator.datadog.WebhooksIntegrationApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Translates a DatadogCustomVariable into the Datadog custom variable it asks for, and compares them. */
public class CustomVariableKind implements ResourceKind<DatadogCustomVariable, CustomVariable>,
    RemoteKind<CustomVariable> {

  private static final Pattern NAME = Pattern.compile(DatadogCustomVariableSpec.NAME_PATTERN);

  private final WebhooksIntegrationApi api;

  public CustomVariableKind(WebhooksIntegrationApi api) {
    this.api = api;
  }

  @Override
  public String datadogName(DatadogCustomVariable resource) {
    return resource.datadogName();
  }

  @Override
  public List<String> validate(DatadogCustomVariable resource) {
    DatadogCustomVariableSpec spec = resource.getSpec();
    if (spec == null) {
      return List.of("spec is required");
    }
    List<String> problems = new ArrayList<>();
    String name = resource.datadogName();
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
  public List<SecretKeySelector> secretRefs(DatadogCustomVariable resource) {
    DatadogCustomVariableSpec spec = resource.getSpec();
    return spec.getValueFrom() == null ? List.of() : List.of(spec.getValueFrom().getSecretKeyRef());
  }

  @Override
  public CustomVariable render(DatadogCustomVariable resource, SecretValues secrets) {
    DatadogCustomVariableSpec spec = resource.getSpec();
    String value = spec.getValue() != null ? spec.getValue() : secrets.get(spec.getValueFrom().getSecretKeyRef());
    return new CustomVariable(resource.datadogName(), value, spec.secret());
  }

  @Override
  public RemoteKind<CustomVariable> remote() {
    return this;
  }

  @Override
  public String noun() {
    return "custom variable";
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
  public Optional<CustomVariable> get(String name) {
    return api.getCustomVariable(name);
  }

  @Override
  public CustomVariable create(CustomVariable desired) {
    return api.createCustomVariable(desired);
  }

  @Override
  public CustomVariable update(String currentName, CustomVariable desired) {
    return api.updateCustomVariable(currentName, desired);
  }

  @Override
  public boolean delete(String name) {
    return api.deleteCustomVariable(name);
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
