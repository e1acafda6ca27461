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

  /** Held by a resource of {@code ns}; {@code refs}: what its value refers to. */
  static VariableCheck.Declared held(String ns, boolean secret, Set<String> shared, Set<String> refs) {
    return new VariableCheck.Declared(Optional.of(new VariableCheck.Declaration(ns + "-uid", ns, secret, shared,
        Optional.of(refs))), List.of());
  }

  private static final Map<String, VariableCheck.Declared> DECLARED = Map.of(
      "A_PUBLIC", held("team-a", false, Set.of(), Set.of()),
      "B_SIGNING_KEY", held("team-b", true, Set.of(), Set.of()),
      "B_SHARED", held("team-b", true, Set.of("team-a"), Set.of()),
      "B_WRAPPER", held("team-b", false, Set.of(), Set.of("B_SIGNING_KEY")));

  static Optional<VariableCheck.Held> remote(String name) {
    return switch (name) {
      case "LEGACY_SECRET" -> Optional.of(new VariableCheck.Held(true, null));
      case "LEGACY_PLAIN" -> Optional.of(new VariableCheck.Held(false, "plain"));
      default -> Optional.empty();
    };
  }

  private static VariableCheck.Result check(String payload, TemplateRules.Access access) {
    return VariableCheck.check(List.of(new VariableCheck.Text("spec.payload", payload, false)), "team-a", DECLARED,
        VariableCheckTestRemote::remote, new TemplateRules(access, false));
  }

  /** (a named class for the method reference) */
  static final class VariableCheckTestRemote {
    static Optional<VariableCheck.Held> remote(String name) {
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

  private static VariableCheck.Result checkWith(String payload, Map<String, VariableCheck.Declared> declared) {
    return VariableCheck.check(List.of(new VariableCheck.Text("spec.payload", payload, false)), "team-a", declared,
        VariableCheckTestRemote::remote, TemplateRules.DEFAULT);
  }

  private static VariableCheck.Declaration claim(String ns, boolean secret, Optional<Set<String>> refs) {
    return new VariableCheck.Declaration(ns + "-claim", ns, secret, Set.of(), refs);
  }

  @Test
  void aDecoyThatOnlyAsksForANameNeverOpensIt() {
    // team-a asks for a readable LEGACY_SECRET (it cannot have it: Datadog holds a secret one)
    var decoy = Map.of("LEGACY_SECRET", new VariableCheck.Declared(Optional.empty(),
        List.of(claim("team-a", false, Optional.of(Set.of())))));
    assertThat(checkWith("\"$LEGACY_SECRET\"", decoy).notAllowed()).isPresent();
    // and against another team's held secret, whatever the order of declarations
    var both = Map.of("B_SIGNING_KEY", new VariableCheck.Declared(DECLARED.get("B_SIGNING_KEY").holder(),
        List.of(claim("team-a", false, Optional.of(Set.of())))));
    assertThat(checkWith("\"$B_SIGNING_KEY\"", both).notAllowed()).isPresent();
    // a claim may confine more: another team's secret not created yet
    var coming = Map.of("B_COMING", new VariableCheck.Declared(Optional.empty(),
        List.of(claim("team-b", true, Optional.of(Set.of())))));
    assertThat(checkWith("\"$B_COMING\"", coming).notAllowed()).isPresent();
  }

  @Test
  void referencesAreFoundInBracketsEncodedAndInLongerTokens() {
    for (String hidden : List.of("$DATE[$B_SIGNING_KEY]", "$TAGS[x $B_SIGNING_KEY]", "%24B_SIGNING_KEY",
        "${B_SIGNING_KEY}", "$B_SIGNING_KEYSUFFIX", "$b_signing_keyX")) {
      assertThat(check("\"" + hidden + "\"", TemplateRules.Access.SECRET_NAMESPACE).notAllowed()).as(hidden)
          .isPresent();
    }
    assertThat(check("\"$A_PUBLICX\"", TemplateRules.Access.SECRET_NAMESPACE).notAllowed())
        .as("only a secret name counts as a prefix").isEmpty();
  }

  @Test
  void valuesAreFollowedAndAnUnreadValueBlocks() {
    var relay = new java.util.HashMap<>(DECLARED);
    relay.put("A_RELAY", new VariableCheck.Declared(Optional.of(claim("team-a", false,
        Optional.of(Set.of("B_SIGNING_KEY")))), List.of()));
    relay.put("A_UNREAD", new VariableCheck.Declared(Optional.of(claim("team-a", false, Optional.empty())),
        List.of()));
    assertThat(checkWith("\"$A_RELAY\"", relay).notAllowed()).as("a value read from a Secret").isPresent();
    assertThat(checkWith("\"$A_UNREAD\"", relay).cannotTell()).containsExactly("A_UNREAD");
    // a value Datadog returns for a variable no resource holds
    VariableCheck.Result viaRemote = VariableCheck.check(List.of(new VariableCheck.Text("spec.payload",
        "\"$UI_WRAPPER\"", false)), "team-a", DECLARED, name -> name.equals("UI_WRAPPER")
            ? Optional.of(new VariableCheck.Held(false, "$LEGACY_SECRET")) : remote(name), TemplateRules.DEFAULT);
    assertThat(viaRemote.notAllowed()).isPresent();
  }

  @Test
  void hintsNameOnlyThisNamespacesVariables() {
    VariableCheck.Result r = check("\"$B_SIGNING_KEZ $A_PUBLIK\"", TemplateRules.Access.SECRET_NAMESPACE);
    assertThat(r.unknown()).singleElement().asString().contains("did you mean $A_PUBLIC?")
        .doesNotContain("B_SIGNING_KEY");
  }
}
