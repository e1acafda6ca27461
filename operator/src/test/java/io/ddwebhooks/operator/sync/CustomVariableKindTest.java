package io.ddwebhooks.operator.sync;

import static io.ddwebhooks.operator.testing.Fixtures.variable;
import static io.ddwebhooks.operator.testing.Fixtures.variableFromSecret;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.SecretKeySelector;
import io.ddwebhooks.operator.datadog.CustomVariable;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomVariableKindTest {

  private final CustomVariableKind kind = new CustomVariableKind();

  @Test
  void nameDefaultsToUpperCasedMetadataName() {
    assertThat(name(variable("ns", "team-a.token", "v", false))).isEqualTo("TEAM_A_TOKEN");
    DatadogCustomVariable named = variable("ns", "x", "v", false);
    named.getSpec().setName("MY_VAR");
    assertThat(name(named)).isEqualTo("MY_VAR");
  }

  @Test
  void validation() {
    assertThat(validate(variable("ns", "ok", "v", false))).isEmpty();
    DatadogCustomVariable lower = variable("ns", "ok", "v", false);
    lower.getSpec().setName("lower");
    assertThat(validate(lower)).singleElement().asString().contains("upper-case");
    DatadogCustomVariable both = variableFromSecret("ns", "ok", "s", "k", true);
    both.getSpec().setValue("v");
    assertThat(validate(both)).containsExactly("exactly one of spec.value and spec.valueFrom must be set");
    assertThat(validate(variable("ns", "ok", null, false)))
        .containsExactly("exactly one of spec.value and spec.valueFrom must be set");
  }

  @Test
  void rendersSecretValues() {
    DatadogCustomVariable v = variableFromSecret("ns", "tok", "s", "k", true);
    CustomVariable rendered = kind.render(v.getSpec(), v.getMetadata().getName(), new SecretValues(Map.of(new SecretKeySelector("s", "k"), "xyz"),
        Map.of("s", "1")), ResourceKind.History.NONE);
    assertThat(rendered).isEqualTo(new CustomVariable("TOK", "xyz", true));
    assertThat(rendered.toString()).doesNotContain("xyz");
  }

  @Test
  void aSecretValueIsCurrentOnlyIfThisExactStateWasApplied() {
    CustomVariable desired = new CustomVariable("A", "v", true);
    CustomVariable hidden = new CustomVariable("A", null, true);
    assertThat(kind.differences(desired, hidden, true)).isEmpty();
    assertThat(kind.differences(desired, hidden, false)).containsExactly("value");
  }

  @Test
  void plainValuesAreComparedDirectly() {
    CustomVariable desired = new CustomVariable("A", "v", false);
    assertThat(kind.differences(desired, new CustomVariable("A", "v", false), false)).isEmpty();
    assertThat(kind.differences(desired, new CustomVariable("A", "w", false), true)).containsExactly("value");
    assertThat(kind.differences(desired, new CustomVariable("B", null, true), true))
        .containsExactly("name", "isSecret");
  }

  @Test
  void aValueFromASecretIsSecretByDefaultForNewVariablesOnly() {
    DatadogCustomVariable fromSecret = variableFromSecret("ns", "tok", "s", "k", false);
    fromSecret.getSpec().setIsSecret(null);
    DatadogCustomVariable literal = variable("ns", "lit", "v", false);
    literal.getSpec().setIsSecret(null);
    ResourceKind.History fresh = ResourceKind.History.NONE;
    ResourceKind.History legacy = new ResourceKind.History(true, null);
    assertThat(CustomVariableKind.secret(fromSecret.getSpec(), fresh)).as("new, from a Secret").isTrue();
    assertThat(CustomVariableKind.secret(literal.getSpec(), fresh)).as("new, literal").isFalse();
    assertThat(CustomVariableKind.secret(fromSecret.getSpec(), legacy)).as("existed before the default").isFalse();
    assertThat(kind.advice(fromSecret.getSpec(), legacy)).hasValueSatisfying(a -> assertThat(a)
        .contains("spec.isSecret"));
    assertThat(kind.advice(fromSecret.getSpec(), fresh)).isEmpty();
    // once applied, the choice sticks whatever the ownership says
    assertThat(CustomVariableKind.secret(fromSecret.getSpec(), new ResourceKind.History(true, true))).isTrue();
    assertThat(CustomVariableKind.secret(literal.getSpec(), new ResourceKind.History(true, false))).isFalse();
    assertThat(kind.advice(fromSecret.getSpec(), new ResourceKind.History(true, false))).isEmpty();
    // explicit always wins
    fromSecret.getSpec().setIsSecret(false);
    assertThat(CustomVariableKind.secret(fromSecret.getSpec(), new ResourceKind.History(true, true))).isFalse();
  }

  private java.util.List<String> validate(DatadogCustomVariable r) {
    return kind.validate(r.getSpec(), r.getMetadata().getName());
  }

  private String name(DatadogCustomVariable r) {
    return kind.datadogName(r.getSpec(), r.getMetadata().getName());
  }
}
