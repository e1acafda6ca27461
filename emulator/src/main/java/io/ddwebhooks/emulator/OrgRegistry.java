package io.ddwebhooks.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The emulator's orgs: the default one (any keys it accepts) and the added ones (exactly their keys). */
final class OrgRegistry {

  private final Map<String, OrgStore> added = new LinkedHashMap<>();
  private final OrgStore defaultOrg;

  OrgRegistry(String apiKey, String appKey) {
    this.defaultOrg = new OrgStore(DatadogEmulator.DEFAULT_ORG, apiKey, appKey);
  }

  OrgStore defaultOrg() {
    return defaultOrg;
  }

  /** Adds (or replaces) the org {@code name}, reached with exactly these keys. */
  synchronized OrgStore add(String name, String apiKey, String appKey) {
    if (apiKey == null || appKey == null || apiKey.isBlank() || appKey.isBlank()) {
      throw new IllegalArgumentException("an org needs both keys");
    }
    OrgStore org = new OrgStore(name, apiKey, appKey);
    added.put(name, org);
    return org;
  }

  /** The org named {@code name}, the default one included. */
  synchronized Optional<OrgStore> find(String name) {
    return DatadogEmulator.DEFAULT_ORG.equals(name) ? Optional.of(defaultOrg) : Optional.ofNullable(added.get(name));
  }

  synchronized OrgStore named(String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException("no org " + name));
  }

  /** The org these keys reach, if any: an added org whose keys they are, else the default org if it accepts them. */
  synchronized OrgStore forKeys(String key, String app) {
    for (OrgStore org : added.values()) {
      if (org.hasKeys(key, app)) {
        return org;
      }
    }
    return defaultOrg.accepts(key, app) ? defaultOrg : null;
  }

  /** Whether an added org already has exactly these keys (a second one would never be reached). */
  synchronized boolean keysTaken(String key, String app) {
    return added.values().stream().anyMatch(o -> o.hasKeys(key, app));
  }

  /** Every org: the added ones in order, the default org last. */
  synchronized List<OrgStore> all() {
    List<OrgStore> all = new ArrayList<>(added.values());
    all.add(defaultOrg);
    return all;
  }
}
