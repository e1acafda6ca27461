package io.ddwebhooks.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.datadog.CustomVariable;
import io.ddwebhooks.operator.datadog.Webhook;
import io.ddwebhooks.operator.testing.EmulatedDatadog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The convergence algorithm on a plain fake: the fewest calls, and never a write to an object not owned. */
class ConvergerTest {

  private final EmulatedDatadog datadog = new EmulatedDatadog();
  private final Converger<Webhook> webhooks = new Converger<>(new WebhookKind(), RemoteObjects.webhooks(datadog));
  private final List<String> intents = new ArrayList<>();
  private final WriteIntent intent = new WriteIntent() {
    @Override
    public void record(String name, String sent) {
      intents.add(name);
    }

    @Override
    public void clear() {
      intents.add("cleared");
    }
  };

  private static Webhook hook(String name, String url) {
    return new Webhook(name, url, Webhook.DEFAULT_PAYLOAD, null, "json");
  }

  private static Ownership own(String owned, String pending, ResourcePolicy.Adoption adoption) {
    // a pending name is recognised by what was sent: here, whatever the fake holds
    return new Ownership(owned, pending, sent -> true, adoption, null, false, false, false);
  }

  @Test
  void createsAWebhookWithOnePostAndNoGetWhenStatusProvesItNeverExisted() {
    Outcome o = webhooks.apply(hook("a", "https://x"), own(null, null, ResourcePolicy.Adoption.NOT_REQUESTED), intent);
    assertThat(o).isInstanceOfSatisfying(Outcome.Applied.class, w -> assertThat(w.change())
        .isEqualTo(Outcome.Change.CREATED));
    assertThat(datadog.calls()).containsExactly("CREATE a");
    assertThat(intents).containsExactly("a");
  }

  @Test
  void readsFirstWhenAnEarlierAttemptOrAnAdoptionMayHaveAnObject() {
    webhooks.apply(hook("a", "https://x"), own(null, "a", ResourcePolicy.Adoption.NOT_REQUESTED), intent);
    assertThat(datadog.calls()).as("a pending name: the object may exist").startsWith("GET a");
    datadog.clearCalls();
    webhooks.apply(hook("b", "https://x"), own(null, null, ResourcePolicy.Adoption.ALLOWED), intent);
    assertThat(datadog.calls()).as("adoption asked: the object likely exists").containsExactly("GET b", "CREATE b");
  }

  /** Recognised by what was sent: the webhook {@code sent}, as a fingerprint in status would say. */
  private static Ownership pending(String name, Webhook sent, boolean takenBefore) {
    String text = new WebhookKind().recognizable(sent);
    return new Ownership(null, name, text::equals, ResourcePolicy.Adoption.NOT_REQUESTED, null, false, false,
        takenBefore);
  }

  @Test
  void aPendingNameIsTakenOnlyWhenTheObjectThereHoldsWhatWasSent() {
    // a lost answer to the create of a name someone else holds: theirs stays theirs
    datadog.put(hook("a", "https://theirs"));
    Outcome o = webhooks.apply(hook("a", "https://mine"), pending("a", hook("a", "https://mine"), false), intent);
    assertThat(o).isInstanceOf(Outcome.Conflict.class);
    assertThat(datadog.webhook("a").orElseThrow().url()).isEqualTo("https://theirs");
    assertThat(datadog.calls()).doesNotContain("UPDATE a");

    // the create did happen: recognised, and brought to a spec that changed since
    datadog.put(hook("a", "https://mine"));
    Outcome recovered = webhooks.apply(hook("a", "https://newer"), pending("a", hook("a", "https://mine"), false),
        intent);
    assertThat(recovered).isInstanceOfSatisfying(Outcome.Applied.class, w -> assertThat(w.change())
        .isEqualTo(Outcome.Change.RECOVERED));
    assertThat(datadog.webhook("a").orElseThrow().url()).isEqualTo("https://newer");
  }

  @Test
  void aRenameToAPendingNameIsRecognisedOnlyByWhatWasSent() {
    datadog.put(hook("new", "https://theirs"));
    Ownership own = new Ownership("old", "new", new WebhookKind().recognizable(hook("new", "https://mine"))::equals,
        ResourcePolicy.Adoption.NOT_REQUESTED, null, false, false, false);
    assertThat(webhooks.apply(hook("new", "https://mine"), own, intent)).isInstanceOf(Outcome.Conflict.class);
    assertThat(datadog.webhook("new").orElseThrow().url()).isEqualTo("https://theirs");
  }

  @Test
  void aNameFoundTakenIsReadBeforeAnyNewPost() {
    datadog.put(hook("taken", "https://theirs"));
    Outcome o = webhooks.apply(hook("taken", "https://mine"), new Ownership(null, null, sent -> false,
        ResourcePolicy.Adoption.NOT_REQUESTED, null, false, false, true), intent);
    assertThat(o).isInstanceOf(Outcome.Conflict.class);
    assertThat(datadog.calls()).containsExactly("GET taken");
  }

  @Test
  void aPendingNameIsDeletedOnlyWhenItHoldsWhatWasSent() {
    datadog.put(hook("p", "https://theirs"));
    String mine = new WebhookKind().recognizable(hook("p", "https://mine"));
    assertThat(webhooks.deleteIfSent("p", mine::equals)).isInstanceOf(Outcome.Conflict.class);
    assertThat(datadog.webhookNames()).contains("p");
    datadog.put(hook("p", "https://mine"));
    assertThat(webhooks.deleteIfSent("p", mine::equals)).isInstanceOf(Outcome.Synced.class);
    assertThat(datadog.webhookNames()).doesNotContain("p");
    assertThat(webhooks.deleteIfSent("p", mine::equals)).as("never made").isInstanceOf(Outcome.Synced.class);
  }

  @Test
  void createsASecretCustomVariableAfterOneGetThroughAReadableStandIn() {
    // Datadog's answer to a duplicate variable POST is not recorded: never let a POST decide for a secret. A secret
    // is first created readable, with a random value, so that after a lost answer it can be told from someone else's
    Converger<CustomVariable> variables = new Converger<>(new CustomVariableKind(), RemoteObjects.variables(datadog));
    variables.apply(new CustomVariable("TOKEN", "v1", true), own(null, null, ResourcePolicy.Adoption.NOT_REQUESTED),
        intent);
    assertThat(datadog.calls()).containsExactly("GET TOKEN", "CREATE TOKEN", "UPDATE TOKEN");
    assertThat(datadog.variable("TOKEN")).contains(new CustomVariable("TOKEN", "v1", true));
  }

  @Test
  void aSecretFoundUnderAPendingNameIsNeverTakenForThisResources() {
    CustomVariableKind kind = new CustomVariableKind();
    Converger<CustomVariable> variables = new Converger<>(kind, RemoteObjects.variables(datadog));
    datadog.put(new CustomVariable("TOKEN", "theirs", true));
    // what an interrupted create of a secret sent: its stand-in, not a secret
    CustomVariable standIn = kind.standIn(new CustomVariable("TOKEN", "mine", true)).orElseThrow();
    assertThat(standIn.isSecret()).isFalse();
    String sent = kind.recognizable(standIn);
    assertThat(variables.deleteIfSent("TOKEN", sent::equals)).isInstanceOf(Outcome.Conflict.class);
    assertThat(variables.deleteIfSent("TOKEN", t -> true)).as("whatever the fingerprint says")
        .isInstanceOf(Outcome.Conflict.class);
    assertThat(datadog.variableNames()).contains("TOKEN");
    datadog.put(standIn);
    assertThat(variables.deleteIfSent("TOKEN", sent::equals)).isInstanceOf(Outcome.Synced.class);
  }

  @Test
  void aSecretUnderARenamesPendingNameIsRecoveredByTheOldNameBeingGoneAsDatadogShowsNothingToCompare() {
    // the one evidence a secret leaves: its value is never shown, so what was sent cannot be compared
    Converger<CustomVariable> variables = new Converger<>(new CustomVariableKind(), RemoteObjects.variables(datadog));
    datadog.put(new CustomVariable("NEW", "v1", true));
    Ownership own = new Ownership("OLD", "NEW", sent -> false, ResourcePolicy.Adoption.NOT_REQUESTED, null, true,
        false, false);
    assertThat(variables.apply(new CustomVariable("NEW", "v1", true), own, intent))
        .isInstanceOfSatisfying(Outcome.Applied.class, w -> assertThat(w.change())
            .isEqualTo(Outcome.Change.RECOVERED));
    assertThat(datadog.writes()).as("its value sent once: it is not known to be current").containsExactly(
        "UPDATE NEW");

    datadog.put(new CustomVariable("OLD", "v0", true));
    assertThat(variables.apply(new CustomVariable("NEW", "v1", true), own, intent))
        .as("while the old name holds an object, the new one is someone else's").isInstanceOf(Outcome.Conflict.class);
  }

  @Test
  void unchangedCostsOneGetAndNoWrite() {
    datadog.put(hook("a", "https://x"));
    Outcome o = webhooks.apply(hook("a", "https://x"), own("a", null, ResourcePolicy.Adoption.NOT_REQUESTED), intent);
    assertThat(o).isInstanceOf(Outcome.Synced.class);
    assertThat(datadog.writes()).isEmpty();
  }

  @Test
  void updatesOnlyWhatDiffersAndNamesTheFields() {
    datadog.put(hook("a", "https://old"));
    Outcome o = webhooks.apply(hook("a", "https://new"), own("a", null, ResourcePolicy.Adoption.NOT_REQUESTED), intent);
    assertThat(o).isInstanceOfSatisfying(Outcome.Applied.class, w -> {
      assertThat(w.change()).isEqualTo(Outcome.Change.UPDATED);
      assertThat(w.fields()).containsExactly("url");
      assertThat(w.drift()).isFalse();
    });
    assertThat(datadog.webhook("a").orElseThrow().url()).isEqualTo("https://new");
  }

  @Test
  void renamesInPlaceWithANoticeAndRefusesATakenName() {
    datadog.put(hook("old", "https://x"));
    Outcome o = webhooks.apply(hook("new", "https://x"), own("old", null, ResourcePolicy.Adoption.NOT_REQUESTED), intent);
    assertThat(o).isInstanceOfSatisfying(Outcome.Applied.class, w -> {
      assertThat(w.change()).isEqualTo(Outcome.Change.RENAMED);
      assertThat(w.previousName()).isEqualTo("old");
      assertThat(w.notice()).hasValueSatisfying(n -> assertThat(n).contains("@webhook-new"));
    });
    assertThat(datadog.webhookNames()).containsExactlyInAnyOrder("new");

    datadog.put(hook("other", "https://theirs"));
    Outcome taken = webhooks.apply(hook("other", "https://x"), own("new", null, ResourcePolicy.Adoption.NOT_REQUESTED),
        intent);
    assertThat(taken).isInstanceOf(Outcome.Conflict.class);
    assertThat(datadog.webhook("other").orElseThrow().url()).isEqualTo("https://theirs");
  }

  @Test
  void recognisesWhatAnInterruptedAttemptWrote() {
    datadog.put(hook("a", "https://x"));
    Outcome created = webhooks.apply(hook("a", "https://x"), own(null, "a", ResourcePolicy.Adoption.NOT_REQUESTED),
        intent);
    assertThat(created).isInstanceOfSatisfying(Outcome.Applied.class, w -> {
      assertThat(w.change()).isEqualTo(Outcome.Change.RECOVERED);
      assertThat(w.wroteToDatadog()).isFalse();
    });

    datadog.put(hook("renamed", "https://x"));
    Outcome renamed = webhooks.apply(hook("renamed", "https://x"), own("gone", "renamed",
        ResourcePolicy.Adoption.NOT_REQUESTED), intent);
    assertThat(renamed).isInstanceOfSatisfying(Outcome.Applied.class, w -> assertThat(w.change())
        .isEqualTo(Outcome.Change.RECOVERED));
    assertThat(datadog.writes()).isEmpty();
  }

  @Test
  void aNameChangedBeforeAnUnseenCreateWasRecordedRenamesThatObject() {
    // the create of 'first' reached Datadog but its answer was lost; then the spec asked for 'second'
    datadog.put(hook("first", "https://x"));
    Outcome o = webhooks.apply(hook("second", "https://x"), own(null, "first", ResourcePolicy.Adoption.NOT_REQUESTED),
        intent);
    assertThat(o).isInstanceOfSatisfying(Outcome.Applied.class, w -> assertThat(w.change())
        .isEqualTo(Outcome.Change.RENAMED));
    assertThat(datadog.webhookNames()).as("no duplicate left behind").containsExactly("second");
    assertThat(datadog.writes()).containsExactly("UPDATE first");

    // the same after an unseen rename: the owned name is empty, the pending one holds the object
    datadog.clearCalls();
    Outcome again = webhooks.apply(hook("third", "https://x"), own("gone", "second",
        ResourcePolicy.Adoption.NOT_REQUESTED), intent);
    assertThat(again).isInstanceOf(Outcome.Applied.class);
    assertThat(datadog.webhookNames()).containsExactly("third");

    // while the owned object still exists, the pending name is not taken for ours
    datadog.put(hook("someone-else", "https://y"));
    Outcome kept = webhooks.apply(hook("fourth", "https://x"), own("third", "someone-else",
        ResourcePolicy.Adoption.NOT_REQUESTED), intent);
    assertThat(kept).isInstanceOf(Outcome.Applied.class);
    assertThat(datadog.webhookNames()).containsExactlyInAnyOrder("fourth", "someone-else");
  }

  @Test
  void neverTouchesAnObjectItDoesNotOwnUnlessAdoptionIsAllowed() {
    datadog.put(hook("theirs", "https://theirs"));
    assertThat(webhooks.apply(hook("theirs", "https://mine"), own(null, null, ResourcePolicy.Adoption.NOT_REQUESTED),
        intent)).isInstanceOf(Outcome.Conflict.class);
    assertThat(webhooks.apply(hook("theirs", "https://mine"), new Ownership(null, null,
        sent -> false, ResourcePolicy.Adoption.REFUSED, "not here", false, false, false), intent))
        .isInstanceOfSatisfying(Outcome.Conflict.class, c -> assertThat(c.message()).contains("not here"));
    // the first create was a POST that Datadog refused ("already exists"); a POST never overwrites
    assertThat(datadog.calls()).containsExactly("CREATE theirs", "GET theirs", "GET theirs");
    // (adoption asked for, allowed or not: read first, the object likely exists)
    assertThat(datadog.webhook("theirs").orElseThrow().url()).isEqualTo("https://theirs");

    Outcome adopted = webhooks.apply(hook("theirs", "https://mine"), own(null, null, ResourcePolicy.Adoption.ALLOWED),
        intent);
    assertThat(adopted).isInstanceOfSatisfying(Outcome.Applied.class, w -> assertThat(w.change())
        .isEqualTo(Outcome.Change.ADOPTED));
    assertThat(datadog.webhook("theirs").orElseThrow().url()).isEqualTo("https://mine");
  }

  @Test
  void aSecretVariableIsRewrittenUnlessThisExactStateWasApplied() {
    Converger<CustomVariable> variables = new Converger<>(new CustomVariableKind(), RemoteObjects.variables(datadog));
    datadog.put(new CustomVariable("TOKEN", "v1", true));
    CustomVariable desired = new CustomVariable("TOKEN", "v1", true);
    assertThat(variables.apply(desired, new Ownership("TOKEN", null, sent -> false,
        ResourcePolicy.Adoption.NOT_REQUESTED, null, true, false, false), intent))
        .isInstanceOf(Outcome.Synced.class);
    assertThat(variables.apply(desired, new Ownership("TOKEN", null, sent -> false,
        ResourcePolicy.Adoption.NOT_REQUESTED, null, true, true, false), intent))
        .as("reapply due").isInstanceOf(Outcome.Applied.class);
    assertThat(variables.apply(desired, new Ownership("TOKEN", null, sent -> false,
        ResourcePolicy.Adoption.NOT_REQUESTED, null, false, false, false), intent))
        .as("a new state").isInstanceOf(Outcome.Applied.class);
  }
}
