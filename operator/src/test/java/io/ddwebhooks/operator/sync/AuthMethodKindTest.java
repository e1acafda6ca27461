package io.ddwebhooks.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.emulator.DatadogEmulator;
import io.ddwebhooks.emulator.Fault;
import io.ddwebhooks.operator.crd.DatadogWebhookAuthMethodSpec;
import io.ddwebhooks.operator.crd.OAuth2ClientCredentials;
import io.ddwebhooks.operator.crd.SecretKeySelector;
import io.ddwebhooks.operator.crd.ValueSource;
import io.ddwebhooks.operator.datadog.AuthMethod;
import io.ddwebhooks.operator.testing.EmulatedDatadog;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The auth-method kind's translation, checks and comparison, and the converger over the emulator's v2 API. */
class AuthMethodKindTest {

  private final AuthMethodKind kind = new AuthMethodKind();
  private final EmulatedDatadog datadog = new EmulatedDatadog();
  private final Converger<AuthMethod> converger = new Converger<>(kind, RemoteObjects.authMethods(datadog));
  private final WriteIntent intent = new WriteIntent() {
    @Override
    public void record(String name, String sent) {}

    @Override
    public void clear() {}
  };

  private static DatadogWebhookAuthMethodSpec spec() {
    DatadogWebhookAuthMethodSpec spec = new DatadogWebhookAuthMethodSpec();
    OAuth2ClientCredentials o = new OAuth2ClientCredentials();
    o.setAccessTokenUrl("https://auth.example.com/token");
    o.setClientId("client");
    o.setClientSecretFrom(ValueSource.secret("oauth", "secret"));
    spec.setOauth2ClientCredentials(o);
    return spec;
  }

  private static SecretValues secret(String value) {
    return new SecretValues(Map.of(new SecretKeySelector("oauth", "secret"), value), Map.of());
  }

  private AuthMethod desired(String secret) {
    return kind.render(spec(), "servicenow", secret(secret), ResourceKind.History.NONE);
  }

  private static Ownership own(String owned, String pending, java.util.function.Predicate<String> sent,
      ResourcePolicy.Adoption adoption, boolean appliedBefore) {
    return new Ownership(owned, pending, sent, adoption, null, appliedBefore, false, false);
  }

  @Test
  void validationRefusesWhatTheApiOrSafetyWould() {
    assertThat(kind.validate(spec(), "servicenow")).isEmpty();
    DatadogWebhookAuthMethodSpec plain = spec();
    plain.getOauth2ClientCredentials().setAccessTokenUrl("http://auth.example.com/token");
    assertThat(kind.validate(plain, "x")).singleElement().asString().contains("https://");
    DatadogWebhookAuthMethodSpec both = spec();
    both.getOauth2ClientCredentials().setClientIdFrom(ValueSource.secret("oauth", "id"));
    assertThat(kind.validate(both, "x")).singleElement().asString().contains("exactly one of");
    DatadogWebhookAuthMethodSpec noSecret = spec();
    noSecret.getOauth2ClientCredentials().setClientSecretFrom(null);
    assertThat(kind.validate(noSecret, "x")).singleElement().asString().contains("clientSecretFrom is required");
    DatadogWebhookAuthMethodSpec crlf = spec();
    crlf.getOauth2ClientCredentials().setScope("read\r\nX-Injected: 1");
    assertThat(kind.validate(crlf, "x")).singleElement().asString().contains("line break");
    assertThat(kind.validate(spec(), "n".repeat(101))).singleElement().asString().contains("100");
    assertThat(kind.validateSecretValues(spec(), secret("line\u0000nul"))).singleElement().asString()
        .contains("clientSecretFrom (Secret 'oauth', key 'secret')").doesNotContain("nul");
    assertThat(kind.validateSecretValues(spec(), secret("from-a-file\n"))).as("one trailing newline is dropped")
        .isEmpty();
  }

  @Test
  void theSecretIsNeverInWhatIsRecognisedAndOnlyItsHistoryKnowsItIsCurrent() {
    AuthMethod d = desired("s3cr3t");
    assertThat(kind.recognizable(d)).doesNotContain("s3cr3t");
    assertThat(kind.canonical(d)).contains("s3cr3t");
    AuthMethod shown = new AuthMethod("servicenow", d.accessTokenUrl(), "client", null, null, null, "id");
    assertThat(kind.differences(d, shown, true)).isEmpty();
    assertThat(kind.differences(d, shown, false)).containsExactly("clientSecret");
    assertThat(d.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void createsWithOnePostThenReadsAndWritesNothingAtRest() {
    Outcome created = converger.apply(desired("one"), own(null, null, s -> false,
        ResourcePolicy.Adoption.NOT_REQUESTED, false), intent);
    assertThat(created).isInstanceOf(Outcome.Applied.class);
    assertThat(datadog.storedAuthMethod("servicenow").orElseThrow().get("client_secret").asText()).isEqualTo("one");
    String id = datadog.storedAuthMethod("servicenow").orElseThrow().get("id").asText();
    assertThat(datadog.knownAuthMethodId("servicenow")).contains(id);

    datadog.clearCalls();
    Outcome again = converger.apply(desired("one"), own("servicenow", null, s -> false,
        ResourcePolicy.Adoption.NOT_REQUESTED, true), intent);
    assertThat(again).isInstanceOf(Outcome.Synced.class);
    assertThat(datadog.writes()).isEmpty();
    assertThat(datadog.calls()).as("one GET by the id it knows").hasSize(1);
  }

  @Test
  void anOrgFullOfLongAuthMethodsStillAnswersLookupsByName() {
    // another namespace fills the org with auth methods at every field's longest (the list endpoint has no paging
    // and a lookup by name reads it whole): past one MiB, which once failed every lookup of every tenant
    for (int i = 0; i < 130; i++) {
      String name = String.format("b-%03d-", i) + "n".repeat(94);
      datadog.emulator.putAuthMethodOutOfBand(name, "https://auth.example.com/" + "p".repeat(2000), "c".repeat(2048),
          "secret");
      datadog.emulator.editAuthMethodOutOfBand(name, "audience", "a".repeat(2048));
      datadog.emulator.editAuthMethodOutOfBand(name, "scope", "s".repeat(2048));
    }
    Outcome created = converger.apply(desired("secret"), own(null, null, s -> false,
        ResourcePolicy.Adoption.NOT_REQUESTED, false), intent);
    assertThat(created).isInstanceOfSatisfying(Outcome.Applied.class,
        w -> assertThat(w.change()).isEqualTo(Outcome.Change.CREATED));
  }

  @Test
  void aLostCreateAnswerIsRecognisedByWhatItSentAndItsSecretSentOnce() {
    AuthMethod d = desired("secret");
    // the POST reached Datadog; its answer (and so the id) never reached this operator
    datadog.emulator.putAuthMethodOutOfBand(d.name(), d.accessTokenUrl(), d.clientId(), d.clientSecret());
    String sent = kind.recognizable(d);
    Outcome o = converger.apply(d, own(null, "servicenow", sent::equals, ResourcePolicy.Adoption.NOT_REQUESTED, false),
        intent);
    assertThat(o).isInstanceOfSatisfying(Outcome.Applied.class, w -> assertThat(w.change())
        .isEqualTo(Outcome.Change.RECOVERED));
    assertThat(datadog.writes()).containsExactly("UPDATE " + datadog.storedAuthMethod("servicenow").orElseThrow()
        .get("id").asText());
    assertThat(datadog.emulator.authMethodNames()).containsExactly("servicenow");
  }

  @Test
  void somebodyElsesObjectUnderThePendingNameIsNeverTakenOver() {
    datadog.put(new AuthMethod("servicenow", "https://theirs.example.com/token", "theirs", "theirs", null, null,
        null));
    String sent = kind.recognizable(desired("mine"));
    Outcome o = converger.apply(desired("mine"), own(null, "servicenow", sent::equals,
        ResourcePolicy.Adoption.NOT_REQUESTED, false), intent);
    assertThat(o).isInstanceOf(Outcome.Conflict.class);
    assertThat(datadog.writes()).isEmpty();
    assertThat(datadog.storedAuthMethod("servicenow").orElseThrow().get("client_secret").asText())
        .isEqualTo("theirs");
  }

  @Test
  void aLostRenameAnswerTakesTheObjectUnderTheNewNameOnlyWhenItHoldsWhatWasSent() {
    // status: owned "servicenow", a rename to "servicenow-v2" recorded, its answer lost; "servicenow" is gone
    AuthMethod renamed = kind.render(named("servicenow-v2"), "servicenow", secret("mine"), ResourceKind.History.NONE);
    String sent = kind.recognizable(renamed);
    Ownership own = own("servicenow", "servicenow-v2", sent::equals, ResourcePolicy.Adoption.NOT_REQUESTED, true);
    // someone else made the new name outside the operator, with their own token URL: not what was sent
    datadog.emulator.putAuthMethodOutOfBand("servicenow-v2", "https://theirs.example.com/token", "client", "theirs");
    assertThat(converger.apply(renamed, own, intent)).isInstanceOf(Outcome.Conflict.class);
    assertThat(datadog.writes()).as("no PATCH of their object").isEmpty();
    assertThat(datadog.storedAuthMethod("servicenow-v2").orElseThrow().get("client_secret").asText())
        .isEqualTo("theirs");
    assertThat(datadog.storedAuthMethod("servicenow-v2").orElseThrow().get("access_token_url").asText())
        .isEqualTo("https://theirs.example.com/token");

    // the rename did happen: every field Datadog shows is what was sent; the secret is sent again
    datadog.emulator.deleteAuthMethodOutOfBand("servicenow-v2");
    datadog.emulator.putAuthMethodOutOfBand("servicenow-v2", renamed.accessTokenUrl(), renamed.clientId(), "old");
    assertThat(converger.apply(renamed, own, intent)).isInstanceOfSatisfying(Outcome.Applied.class,
        w -> assertThat(w.change()).isEqualTo(Outcome.Change.RECOVERED));
    assertThat(datadog.storedAuthMethod("servicenow-v2").orElseThrow().get("client_secret").asText())
        .isEqualTo("mine");
  }

  @Test
  void adoptionOfAMatchingObjectWritesOnlyTheSecretOnce() {
    datadog.put(new AuthMethod("servicenow", "https://auth.example.com/token", "client", "old", null, null, null));
    Outcome o = converger.apply(desired("new"), own(null, null, s -> false, ResourcePolicy.Adoption.ALLOWED, false),
        intent);
    assertThat(o).isInstanceOfSatisfying(Outcome.Applied.class, w -> assertThat(w.fields())
        .containsExactly("clientSecret"));
    assertThat(datadog.writes()).hasSize(1);
    assertThat(datadog.storedAuthMethod("servicenow").orElseThrow().get("client_secret").asText()).isEqualTo("new");
  }

  @Test
  void aNameInUseIsAConflictAndARenameKeepsTheId() {
    converger.apply(desired("s"), own(null, null, s -> false, ResourcePolicy.Adoption.NOT_REQUESTED, false), intent);
    String id = datadog.storedAuthMethod("servicenow").orElseThrow().get("id").asText();
    DatadogWebhookAuthMethodSpec renamed = spec();
    renamed.setName("servicenow-v2");
    AuthMethod target = kind.render(renamed, "servicenow", secret("s"), ResourceKind.History.NONE);
    Outcome o = converger.apply(target, own("servicenow", null, s -> false, ResourcePolicy.Adoption.NOT_REQUESTED,
        true), intent);
    assertThat(o).isInstanceOfSatisfying(Outcome.Applied.class, w -> assertThat(w.change())
        .isEqualTo(Outcome.Change.RENAMED));
    assertThat(datadog.storedAuthMethod("servicenow-v2").orElseThrow().get("id").asText()).isEqualTo(id);

    datadog.emulator.failNext("POST", DatadogEmulator.AUTH_METHODS, 1, Fault.status(409, "name in use"));
    DatadogWebhookAuthMethodSpec other = spec();
    other.setName("someone-elses");
    Outcome conflict = converger.apply(kind.render(other, "x", secret("s"), ResourceKind.History.NONE),
        own(null, null, s -> false, ResourcePolicy.Adoption.NOT_REQUESTED, false), intent);
    assertThat(conflict).isInstanceOf(Outcome.Conflict.class);
  }

  @Test
  void deletionFindsTheObjectWhenTheRememberedIdIsStale() {
    converger.apply(desired("s"), own(null, null, x -> false, ResourcePolicy.Adoption.NOT_REQUESTED, false), intent);
    // deleted and made again outside the operator: same name, new id
    datadog.emulator.deleteAuthMethodOutOfBand("servicenow");
    datadog.emulator.putAuthMethodOutOfBand("servicenow", "https://auth.example.com/token", "client", "s");
    assertThat(converger.delete("servicenow")).isInstanceOf(Outcome.Synced.class);
    assertThat(datadog.emulator.authMethodNames()).isEmpty();
  }

  @Test
  void a409OnAPlainPatchIsANameConflict() {
    converger.apply(desired("s"), own(null, null, x -> false, ResourcePolicy.Adoption.NOT_REQUESTED, false), intent);
    DatadogWebhookAuthMethodSpec scoped = spec();
    scoped.getOauth2ClientCredentials().setScope("read");
    datadog.clearCalls();
    datadog.emulator.failNext("PATCH", DatadogEmulator.AUTH_METHODS, 1, Fault.status(409, "name in use"));
    Outcome o = converger.apply(kind.render(scoped, "servicenow", secret("s"), ResourceKind.History.NONE),
        own("servicenow", null, x -> false, ResourcePolicy.Adoption.NOT_REQUESTED, true), intent);
    assertThat(o).isInstanceOf(Outcome.Conflict.class);
    assertThat(datadog.writes()).singleElement().asString().startsWith("UPDATE ");
  }

  @Test
  void a409OnARenamePatchIsANameConflict() {
    converger.apply(desired("s"), own(null, null, x -> false, ResourcePolicy.Adoption.NOT_REQUESTED, false), intent);
    DatadogWebhookAuthMethodSpec renamed = spec();
    renamed.setName("servicenow-v2");
    datadog.emulator.failNext("PATCH", DatadogEmulator.AUTH_METHODS, 1, Fault.status(409, "name in use"));
    Outcome o = converger.apply(kind.render(renamed, "servicenow", secret("s"), ResourceKind.History.NONE),
        own("servicenow", null, x -> false, ResourcePolicy.Adoption.NOT_REQUESTED, true), intent);
    assertThat(o).isInstanceOf(Outcome.Conflict.class);
    assertThat(datadog.emulator.authMethodNames()).containsExactly("servicenow");
  }

  /** The converger of a resource whose status recorded {@code id} for the name "servicenow". */
  private Converger<AuthMethod> recorded(String id) {
    return converger.recorded(java.util.Optional.of(new RecordedId("servicenow", id)));
  }

  @Test
  void anObjectRenamedInDatadogIsFoundByItsRecordedIdAndRestoredWithOnePatch() {
    converger.apply(desired("s"), own(null, null, x -> false, ResourcePolicy.Adoption.NOT_REQUESTED, false), intent);
    String id = datadog.storedAuthMethod("servicenow").orElseThrow().get("id").asText();
    datadog.emulator.editAuthMethodOutOfBand("servicenow", "name", "renamed-in-the-ui");
    datadog.clearCalls();
    Outcome o = recorded(id).apply(desired("s"), own("servicenow", null, x -> false,
        ResourcePolicy.Adoption.NOT_REQUESTED, true), intent);
    assertThat(o).isInstanceOfSatisfying(Outcome.Applied.class, w -> {
      assertThat(w.change()).isEqualTo(Outcome.Change.UPDATED);
      assertThat(w.fields()).containsExactly("name");
      assertThat(w.drift()).isTrue();
    });
    assertThat(datadog.writes()).containsExactly("UPDATE " + id);
    assertThat(datadog.emulator.authMethodNames()).containsExactly("servicenow");
    assertThat(datadog.storedAuthMethod("servicenow").orElseThrow().get("id").asText()).isEqualTo(id);
    assertThat(datadog.storedAuthMethod("servicenow").orElseThrow().get("client_secret").asText()).isEqualTo("s");
    assertThat(datadog.knownAuthMethodId("servicenow")).contains(id);
  }

  @Test
  void onceTheRecordedObjectIsGoneAnObjectSomeoneElseMadeUnderTheNameIsNeitherTakenOverNorDeleted() {
    converger.apply(desired("s"), own(null, null, x -> false, ResourcePolicy.Adoption.NOT_REQUESTED, false), intent);
    String id = datadog.storedAuthMethod("servicenow").orElseThrow().get("id").asText();
    datadog.emulator.deleteAuthMethodOutOfBand("servicenow");
    datadog.emulator.putAuthMethodOutOfBand("servicenow", "https://theirs.example.com/token", "theirs", "theirs");

    Outcome o = recorded(id).apply(desired("s"), own("servicenow", null, x -> false,
        ResourcePolicy.Adoption.NOT_REQUESTED, true), intent);
    assertThat(o).as("their name: the POST is refused, nothing of theirs is written").isInstanceOf(
        Outcome.Conflict.class);
    assertThat(datadog.storedAuthMethod("servicenow").orElseThrow().get("client_secret").asText())
        .isEqualTo("theirs");

    assertThat(recorded(id).delete("servicenow")).isInstanceOf(Outcome.Synced.class);
    assertThat(datadog.emulator.authMethodNames()).containsExactly("servicenow");
  }

  @Test
  void deletionByTheRecordedIdFollowsARenameInDatadog() {
    converger.apply(desired("s"), own(null, null, x -> false, ResourcePolicy.Adoption.NOT_REQUESTED, false), intent);
    String id = datadog.storedAuthMethod("servicenow").orElseThrow().get("id").asText();
    datadog.emulator.editAuthMethodOutOfBand("servicenow", "name", "renamed-in-the-ui");
    datadog.clearCalls();
    assertThat(recorded(id).delete("servicenow")).isInstanceOf(Outcome.Synced.class);
    assertThat(datadog.writes()).containsExactly("DELETE " + id);
    assertThat(datadog.emulator.authMethodNames()).isEmpty();
  }

  @Test
  void aRecordedIdCountsOnlyForTheOwnedNameAndOnlyWhenNothingIsPendingOrMoving() {
    datadog.put(new AuthMethod("other", "https://theirs.example.com/token", "theirs", "theirs", null, null, null));
    String theirs = datadog.storedAuthMethod("other").orElseThrow().get("id").asText();
    // a status that names "servicenow" with their id reaches their object only under the owned name
    Outcome o = recorded(theirs).apply(kind.render(named("other"), "x", secret("s"), ResourceKind.History.NONE),
        own(null, null, x -> false, ResourcePolicy.Adoption.NOT_REQUESTED, false), intent);
    assertThat(o).isInstanceOf(Outcome.Conflict.class);

    io.ddwebhooks.operator.crd.DatadogResourceStatus status = new io.ddwebhooks.operator.crd.DatadogResourceStatus();
    status.setRemoteName("servicenow");
    status.setId("id-1");
    assertThat(RecordedId.of(status)).contains(new RecordedId("servicenow", "id-1"));
    status.setPendingName("servicenow-v2");
    assertThat(RecordedId.of(status)).as("a rename may have happened unseen").isEmpty();
    status.setPendingName(null);
    status.setMovingFrom(new io.ddwebhooks.operator.crd.OrgMove("default", "https://old.example.com", "servicenow"));
    assertThat(RecordedId.of(status)).as("the id is another org's").isEmpty();
    status.setMovingFrom(null);
    status.setRemoteName(null);
    assertThat(RecordedId.of(status)).isEmpty();
  }

  private static DatadogWebhookAuthMethodSpec named(String name) {
    DatadogWebhookAuthMethodSpec s = spec();
    s.setName(name);
    return s;
  }
}
