package io.ddwebhooks.operator.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ddwebhooks.operator.testing.EmulatedDatadog;
import io.ddwebhooks.operator.testing.ForwardingApi;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A turn at an org carries its priority and tenant to the org's write queue and read pace, and holds its place. */
class DatadogOrgsTest {

  private static final OrgTarget ORG = new OrgTarget(URI.create("https://api.datadoghq.com"), "org-1",
      "datadoghq.com", "api", "app");

  /** A fake that counts the GETs that reach it. */
  static final class CountingReads extends ForwardingApi {
    final AtomicInteger gets = new AtomicInteger();

    CountingReads() {
      super(new EmulatedDatadog());
    }

    @Override
    public Optional<Webhook> getWebhook(String name) {
      gets.incrementAndGet();
      return super.getWebhook(name);
    }
  }

  @Test
  void aTurnsReadsTakeTheirTurnsWithItsPriority() {
    CountingReads datadog = new CountingReads();
    AtomicLong now = new AtomicLong(1_000_000_000L);
    ReadPacer pacer = new ReadPacer(1000, now::get, nanos -> { }); // a turn each millisecond; the clock stands still
    DatadogOrgs orgs = new DatadogOrgs(target -> datadog, () -> pacer);
    try (OrgTurn resync = orgs.enter(ORG, WritePriority.RESYNC, "team-a")) {
      resync.api().getWebhook("a");
      resync.api().getWebhook("b");
      assertThatThrownBy(() -> resync.api().getWebhook("c")).as("a resync books no turn beyond the next")
          .isInstanceOf(TurnedAwayException.class);
    }
    assertThat(datadog.gets).hasValue(2);
    try (OrgTurn change = orgs.enter(ORG, WritePriority.USER_CHANGE, "team-a")) {
      change.api().getWebhook("c");
    }
    assertThat(datadog.gets).as("a change books ahead of the resyncs").hasValue(3);
    assertThatThrownBy(() -> orgs.api(ORG, WritePriority.RESYNC, "team-a").getWebhook("d"))
        .isInstanceOf(TurnedAwayException.class);
    orgs.api(ORG, WritePriority.USER_CHANGE, null).getWebhook("d");
    assertThat(datadog.gets).hasValue(4);
  }

  @Test
  void aChangeIsTurnedAwayBeforeItReadsWhenTheQueueIsFullAndWritesInThePlaceItTook() throws Exception {
    SerializedWritesTest.SlowWrites datadog = new SerializedWritesTest.SlowWrites();
    DatadogOrgs orgs = new DatadogOrgs(target -> datadog);
    Thread writing = new Thread(() -> orgs.api(ORG, WritePriority.USER_CHANGE, "team-a").createWebhook(hook("first")));
    writing.start();
    await().until(() -> datadog.inFlight.get() == 1);
    List<OrgTurn> turns = new ArrayList<>();
    while (!orgs.wouldTurnAway(ORG, WritePriority.USER_CHANGE, "team-" + turns.size())) {
      OrgTurn turn = orgs.enter(ORG, WritePriority.USER_CHANGE, "team-" + turns.size());
      assertThat(turn.admitted()).isTrue();
      turns.add(turn);
    }
    assertThat(turns).as("changes that reserved a place before reading").hasSize(DatadogOrgs.MAX_WAITING_PER_ORG);
    try (OrgTurn late = orgs.enter(ORG, WritePriority.USER_CHANGE, "late")) {
      assertThat(late.admitted()).isFalse();
      assertThatThrownBy(late::api).as("nothing may be sent, not even a GET").isInstanceOf(IllegalStateException.class);
    }
    try (OrgTurn resync = orgs.enter(ORG, WritePriority.RESYNC, "late")) {
      assertThat(resync.admitted()).as("a resync reserves nothing to read").isTrue();
      assertThatThrownBy(() -> resync.api().createWebhook(hook("resync"))).as("and takes no change's place to write")
          .isInstanceOf(TurnedAwayException.class);
    }

    OrgTurn first = turns.get(0);
    Thread queued = new Thread(() -> first.api().createWebhook(hook("second")));
    queued.start();
    await().until(() -> orgs.queuedWrites() == 1);
    assertThat(orgs.wouldTurnAway(ORG, WritePriority.USER_CHANGE, "late")).as("its place was used, not a new one")
        .isTrue();
    turns.get(1).close();
    try (OrgTurn next = orgs.enter(ORG, WritePriority.USER_CHANGE, "late")) {
      assertThat(next.admitted()).as("a turn closed unused gives its place back").isTrue();
    }

    datadog.release.countDown();
    writing.join(10_000);
    queued.join(10_000);
    turns.forEach(OrgTurn::close);
    assertThat(datadog.maxInFlight).hasValue(1);
    assertThat(orgs.queuedWrites()).isZero();
    assertThat(orgs.wouldTurnAway(ORG, WritePriority.USER_CHANGE, "late")).isFalse();
  }

  private static Webhook hook(String name) {
    return new Webhook(name, "https://x", Webhook.DEFAULT_PAYLOAD, null, "json");
  }
}
