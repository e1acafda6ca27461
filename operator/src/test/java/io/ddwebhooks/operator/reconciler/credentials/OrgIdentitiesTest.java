package io.ddwebhooks.operator.reconciler.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.crd.RecordedCredentials;
import io.ddwebhooks.operator.sync.Fingerprints;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An org identity no tenant can forge (tenant-isolation issue, hole 2), and one a key rotation keeps. */
class OrgIdentitiesTest {

  private static final byte[] KEY = Fingerprints.newKey();
  private static final OrgIdentities IDS = new OrgIdentities(new Fingerprints("k1", Map.of("k1", KEY)));
  private static final URI SITE = URI.create("https://api.datadoghq.com");

  private static OrgIdentities.Material keys(String apiKey) {
    return new OrgIdentities.Material(SITE, apiKey, null);
  }

  private static boolean same(RecordedCredentials recorded, String ref, String uid, OrgIdentities.Material now) {
    return IDS.same(recorded, ref, uid, "https://api.datadoghq.com", now, "https://api.datadoghq.com");
  }

  @Test
  void credentialsThatOnlyLookAlikeAreAnotherOrg() {
    RecordedCredentials shared = IDS.record("default", null, keys("shared-org-api-key"));
    // a tenant's credentials: the same site, no organization, its own key
    assertThat(same(shared, "DatadogCredentials/lookalike", "uid-t", keys("tenant-api-key"))).isFalse();
    assertThat(IDS.orgKey(keys("tenant-api-key"))).isNotEqualTo(IDS.orgKey(keys("shared-org-api-key")));
    // whoever holds the very same API key reaches the very same org
    assertThat(same(shared, "DatadogCredentials/other", "uid-o", keys("shared-org-api-key"))).isTrue();
    assertThat(shared.getIdentity()).doesNotContain("shared-org-api-key");
    assertThat(shared.getOrg()).isEqualTo("https://api.datadoghq.com");
  }

  @Test
  void aKeyRotatedInTheSameCredentialsIsTheSameOrgButNotAtAnotherEndpoint() {
    RecordedCredentials before = IDS.record("DatadogCredentials/prod", "uid-1", keys("old-key"));
    assertThat(same(before, "DatadogCredentials/prod", "uid-1", keys("new-key"))).isTrue();
    assertThat(same(before, "DatadogCredentials/prod", "uid-2", keys("new-key")))
        .as("credentials deleted and made again with another key: not proven").isFalse();
    var elsewhere = new OrgIdentities.Material(URI.create("https://api.datadoghq.eu"), "new-key", null);
    assertThat(IDS.same(before, "DatadogCredentials/prod", "uid-1", "https://api.datadoghq.eu", elsewhere,
        "https://api.datadoghq.eu")).isFalse();
  }

  @Test
  void aClusterAdminDeclaresOneOrgForSeveralKeyPairs() {
    var a = new OrgIdentities.Material(SITE, "key-a", "acme-prod");
    var b = new OrgIdentities.Material(SITE, "key-b", "acme-prod");
    assertThat(IDS.orgKey(a)).isEqualTo(IDS.orgKey(b));
    assertThat(same(IDS.record("ClusterDatadogCredentials/a", "ua", a), "ClusterDatadogCredentials/b", "ub", b))
        .isTrue();
  }

  @Test
  void recordsOfEarlierVersionsCountOnlyThroughTheSameReferenceAndPlace() {
    RecordedCredentials legacy = new RecordedCredentials("DatadogCredentials/prod", "https://api.datadoghq.com");
    assertThat(same(legacy, "DatadogCredentials/prod", "uid-1", keys("k"))).isTrue();
    assertThat(same(legacy, "default", null, keys("k"))).as("the look-alike's old trick").isFalse();
    assertThat(IDS.same(legacy, "DatadogCredentials/prod", "uid-1", "https://api.datadoghq.com", keys("k"),
        "https://api.datadoghq.com#other")).isFalse();
  }

  @Test
  void aRecordMadeWithARetiredFingerprintKeyIsTrustedOnlyForTheSameObjectAndPlace() {
    OrgIdentities old = new OrgIdentities(new Fingerprints("k0", Map.of("k0", Fingerprints.newKey())));
    RecordedCredentials recorded = old.record("DatadogCredentials/prod", "uid-1", keys("k"));
    assertThat(same(recorded, "DatadogCredentials/prod", "uid-1", keys("k"))).isTrue();
    assertThat(same(recorded, "DatadogCredentials/prod", "uid-2", keys("k"))).isFalse();
  }
}
