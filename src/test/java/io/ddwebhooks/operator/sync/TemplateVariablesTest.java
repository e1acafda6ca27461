package io.ddwebhooks.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.config.TemplateRules;
import io.ddwebhooks.operator.datadog.Webhook;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateVariablesTest {

  @Test
  void extractsWholeNamesSoTheLongestWins() {
    assertThat(TemplateVariables.extract("$DATE_POSIX and $DATE, $USERNAME not $USER, $TAGS[role] $TAGS"))
        .extracting(TemplateVariables.Reference::name)
        .containsExactly("DATE_POSIX", "DATE", "USERNAME", "USER", "TAGS");
    assertThat(TemplateVariables.extract("https://api.datadoghq.com/api/v1/host/$HOSTNAME/mute?x=$alert_id"))
        .extracting(TemplateVariables.Reference::name, TemplateVariables.Reference::documented)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("HOSTNAME", true),
            org.assertj.core.groups.Tuple.tuple("alert_id", false));
    // Datadog's default payload: every reference is a built-in
    assertThat(TemplateVariables.extract(Webhook.DEFAULT_PAYLOAD)).allMatch(r -> TemplateVariables.builtIn(r.name()));
    assertThat(TemplateVariables.extract("no variables, $ alone, 5$")).isEmpty();
  }

  @Test
  void theBuiltInListIsTheDocumentedOne() {
    assertThat(TemplateVariables.BUILT_INS).hasSize(59)
        .contains("EVENT_TITLE", "TAGS", "DATE_POSIX", "LAST_UPDATED_POSIX", "SECURITY_RULE_QUERY", "INCIDENT_UUID");
  }

  @Test
  void hintsTheNearestNameWithinTwoEdits() {
    assertThat(TemplateVariables.nearest("EVENT_TITEL", Set.of())).contains("EVENT_TITLE");
    assertThat(TemplateVariables.nearest("HOSTNAM", Set.of())).contains("HOSTNAME");
    assertThat(TemplateVariables.nearest("CHECKOUT_ENVIROMENT", Set.of("CHECKOUT_ENVIRONMENT")))
        .contains("CHECKOUT_ENVIRONMENT");
    assertThat(TemplateVariables.nearest("SOMETHING_ELSE_ENTIRELY", Set.of())).isEmpty();
  }

  private static final Map<String, VariableCheck.Declaration> DECLARED = Map.of(
      "A_PUBLIC", new VariableCheck.Declaration("team-a", false, Set.of(), "public"),
      "B_SIGNING_KEY", new VariableCheck.Declaration("team-b", true, Set.of(), null),
      "B_SHARED", new VariableCheck.Declaration("team-b", true, Set.of("team-a"), null),
      "B_WRAPPER", new VariableCheck.Declaration("team-b", false, Set.of(), "sig=$B_SIGNING_KEY"));

  private static Optional<Boolean> remote(String name) {
    return switch (name) {
      case "LEGACY_SECRET" -> Optional.of(true);
      case "LEGACY_PLAIN" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  private static VariableCheck.Result check(String payload, TemplateRules.Access access) {
    return VariableCheck.check(List.of(new VariableCheck.Text("spec.payload", payload, false)), "team-a", DECLARED,
        VariableCheckTestRemote::remote, new TemplateRules(access, false));
  }

  /** (a named class for the method reference) */
  static final class VariableCheckTestRemote {
    static Optional<Boolean> remote(String name) {
      return TemplateVariablesTest.remote(name);
    }
  }

  @Test
  void typosAreReportedWithAHint() {
    VariableCheck.Result r = check("{\"t\": \"$EVENT_TITEL $A_PUBLIC $LEGACY_PLAIN $lower_case\"}",
        TemplateRules.Access.SECRET_NAMESPACE);
    assertThat(r.unknown()).containsExactly("spec.payload: $EVENT_TITEL - did you mean $EVENT_TITLE?");
    assertThat(r.notAllowed()).isEmpty();
  }

  @Test
  void secretNamespaceModeConfinesSecretVariables() {
    TemplateRules.Access mode = TemplateRules.Access.SECRET_NAMESPACE;
    assertThat(check("\"$B_SIGNING_KEY\"", mode).notAllowed()).hasValueSatisfying(m -> assertThat(m)
        .contains("$B_SIGNING_KEY", "another namespace"));
    assertThat(check("\"$b_signing_key\"", mode).notAllowed()).as("any case (strict)").isPresent();
    assertThat(check("\"$B_WRAPPER\"", mode).notAllowed()).as("through a value that refers to it").isPresent();
    assertThat(check("\"$B_SHARED\"", mode).notAllowed()).as("shared with team-a").isEmpty();
    assertThat(check("\"$A_PUBLIC $LEGACY_PLAIN\"", mode).notAllowed()).isEmpty();
    assertThat(check("\"$LEGACY_SECRET\"", mode).notAllowed()).as("a secret nobody declares").isPresent();
    assertThat(check("\"$B_SIGNING_KEY\"", mode).foreignSecrets()).containsExactly("B_SIGNING_KEY");
  }

  @Test
  void namespaceModeConfinesEveryVariableAndOffChecksNothing() {
    assertThat(check("\"$B_WRAPPER\"", TemplateRules.Access.NAMESPACE).notAllowed()).isPresent();
    assertThat(check("\"$LEGACY_PLAIN\"", TemplateRules.Access.NAMESPACE).notAllowed()).isPresent();
    assertThat(check("\"$A_PUBLIC\"", TemplateRules.Access.NAMESPACE).notAllowed()).isEmpty();
    assertThat(check("\"$B_SIGNING_KEY $LEGACY_SECRET\"", TemplateRules.Access.OFF).notAllowed()).isEmpty();
  }

  @Test
  void textFromASecretIsReportedWithoutTheNamesInIt() {
    VariableCheck.Result r = VariableCheck.check(List.of(new VariableCheck.Text(
        "spec.urlFrom (Secret 's', key 'url')", "https://h/$EVENT_TITEL/$B_SIGNING_KEY", true)), "team-a", DECLARED,
        name -> Optional.empty(), TemplateRules.DEFAULT);
    assertThat(r.unknown()).singleElement().asString().contains("spec.urlFrom (Secret 's', key 'url')")
        .doesNotContain("TITEL");
    assertThat(r.notAllowed()).hasValueSatisfying(m -> assertThat(m).contains("key 'url'")
        .doesNotContain("B_SIGNING_KEY"));
  }
}
