package io.ddwebhooks.operator.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;

/**
 * Leader election through a Lease, so that several replicas can run and only one writes to Datadog.
 * {@code exitOnLoss}: a replica that loses the lease exits (and is restarted as a standby) rather than risk writing
 * alongside the new leader; only tests that stop an operator in-process turn it off.
 */
public record LeaderElection(String leaseName, String namespace, String identity, Duration leaseDuration,
    Duration renewDeadline, Duration retryPeriod, boolean exitOnLoss) {

  public static final String LEASE_NAME = "datadog-webhooks-operator";

  /** Null (off) unless LEADER_ELECTION=true. */
  static LeaderElection fromEnvironment(Map<String, String> env) {
    if (!Boolean.parseBoolean(env.getOrDefault("LEADER_ELECTION", "false").trim())) {
      return null;
    }
    String namespace = firstNonBlank(env.get("LEADER_ELECTION_NAMESPACE"), env.get("POD_NAMESPACE"));
    if (namespace == null) {
      throw new ConfigException("LEADER_ELECTION=true needs LEADER_ELECTION_NAMESPACE (or POD_NAMESPACE): the"
          + " namespace of the Lease");
    }
    String identity = firstNonBlank(env.get("POD_NAME"), hostname());
    return new LeaderElection(LEASE_NAME, namespace, identity, Duration.ofSeconds(15), Duration.ofSeconds(10),
        Duration.ofSeconds(2), true);
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "datadog-webhooks-operator-" + ProcessHandle.current().pid();
    }
  }

  private static String firstNonBlank(String a, String b) {
    if (a != null && !a.isBlank()) {
      return a.trim();
    }
    return b == null || b.isBlank() ? null : b.trim();
  }
}
