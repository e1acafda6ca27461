package io.ddwebhooks.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.sync.VariableCheck;
import io.ddwebhooks.operator.testing.Fixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The org's declared variables follow every change of a variable, made again only for the variables that changed. */
class DeclaredVariablesTest {

  private final DeclaredVariables declared = new DeclaredVariables(Clock.fixed(Instant.parse("2026-12-06T04:00:00Z"),
      ZoneOffset.UTC), new VariableReferences());

  private static DatadogCustomVariable variable(String name, String value, String resourceVersion) {
    DatadogCustomVariable v = Fixtures.variable("team-a", name, value, false);
    v.getMetadata().setUid("uid-" + name);
    v.getMetadata().setResourceVersion(resourceVersion);
    return v;
  }

  private Optional<Set<String>> references(List<DatadogCustomVariable> all, String name) {
    declared.changed();
    Map<String, VariableCheck.Declared> of = declared.of("org", all::stream, v -> true);
    return of.get(name).claimants().get(0).references();
  }

  @Test
  void aVariablesNewVersionIsReadAgainAndAnUnchangedOneIsNot() {
    DatadogCustomVariable a = variable("A", "$B", "1");
    DatadogCustomVariable c = variable("C", "plain", "7");
    assertThat(references(List.of(a, c), "A")).contains(Set.of("B"));

    // a new version with a new value: read again
    DatadogCustomVariable a2 = variable("A", "$D and $E", "2");
    assertThat(references(List.of(a2, c), "A")).contains(Set.of("D", "E"));

    // the same version is the same object: what was made for it stands (and is not made again)
    DatadogCustomVariable sameVersion = variable("A", "$Z", "2");
    assertThat(references(List.of(sameVersion, c), "A")).contains(Set.of("D", "E"));

    // without a version (not from the API server) it is always read
    DatadogCustomVariable unversioned = variable("A", "$Y", null);
    assertThat(references(List.of(unversioned, c), "A")).contains(Set.of("Y"));
  }
}
