package io.ddwebhooks.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OrgStoreTest {

  @Test
  void overlappingWritesAreFlaggedOnBothSidesAndCounted() {
    OrgStore org = new OrgStore("o", "k", "a");
    OrgStore.WriteTicket alone = org.beginWrite();
    org.endWrite(alone);
    assertThat(alone.overlapped()).isFalse();
    assertThat(org.maxConcurrentWrites()).isEqualTo(1);
    OrgStore.WriteTicket first = org.beginWrite();
    OrgStore.WriteTicket second = org.beginWrite();
    org.endWrite(first);
    OrgStore.WriteTicket third = org.beginWrite();
    org.endWrite(second);
    org.endWrite(third);
    assertThat(first.overlapped()).isTrue();
    assertThat(second.overlapped()).isTrue();
    assertThat(third.overlapped()).as("it met the second").isTrue();
    assertThat(org.maxConcurrentWrites()).isEqualTo(2);
    org.clear();
    assertThat(org.maxConcurrentWrites()).isZero();
  }

  @Test
  void keysPickTheOrg() {
    OrgRegistry orgs = new OrgRegistry(null, null);
    OrgStore staging = orgs.add("staging", "sk", "sa");
    assertThat(orgs.forKeys("sk", "sa")).isSameAs(staging);
    assertThat(orgs.forKeys("sk", "other")).as("a mixed pair: any keys reach the default org")
        .isSameAs(orgs.defaultOrg());
    assertThat(orgs.forKeys("sk", "")).isNull();
    assertThat(orgs.defaultOrg().acceptsAnyKeys()).isTrue();
    assertThat(orgs.keysTaken("sk", "sa")).isTrue();
    assertThat(orgs.all()).extracting(OrgStore::name).containsExactly("staging", DatadogEmulator.DEFAULT_ORG);
    assertThatThrownBy(() -> orgs.named("prod")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> orgs.add("x", "k", " ")).isInstanceOf(IllegalArgumentException.class);

    OrgRegistry locked = new OrgRegistry("k", "a");
    assertThat(locked.forKeys("k", "a")).isSameAs(locked.defaultOrg());
    assertThat(locked.forKeys("k", "b")).isNull();
  }

  @Test
  void outOfBandObjectsAndTheNotificationUseStoredValues() {
    OrgStore org = new OrgStore("o", null, null);
    org.putWebhook("hook", "https://example.com/$TOKEN");
    org.putVariable("TOKEN", "s3cret", true);
    assertThat(org.webhook("hook").orElseThrow().get("payload").asText()).isEqualTo(DatadogEmulator.DEFAULT_PAYLOAD);
    assertThat(org.storedVariable("TOKEN").orElseThrow().get("value").asText()).isEqualTo("s3cret");
    assertThat(org.notification("hook").orElseThrow().url()).isEqualTo("https://example.com/s3cret");
    org.editWebhook("hook", "url", "https://other.example.com");
    assertThat(org.webhook("hook").orElseThrow().get("url").asText()).isEqualTo("https://other.example.com");
    org.deleteVariable("TOKEN");
    org.deleteWebhook("hook");
    assertThat(org.webhookNames()).isEmpty();
    assertThat(org.variableNames()).isEmpty();
  }
}
