package io.ddwebhooks.emulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What goes wrong, and how slowly: the scheduled faults (first match wins, each for a number of calls), chaos (each
 * call fails with a probability, seeded), and the latency of reads and writes.
 */
final class FaultPlan {

  /** Calls of any method. */
  static final String ANY = "ANY";
  /** POST, PUT and DELETE. */
  static final String WRITES = "WRITE";
  /**
   * A fault for the calls it matches: {@code method} (an HTTP method, {@link #ANY} or {@link #WRITES}) and, unless
   * null, a path prefix; {@code remaining}: how many more calls get it, unless it stays until cleared ({@code always}).
   */
  record Scheduled(String method, String pathPrefix, Fault fault, AtomicInteger remaining, boolean always) {

    boolean matches(String callMethod, String path) {
      boolean methodMatches = switch (method) {
        case ANY -> true;
        case WRITES -> !callMethod.equals("GET");
        default -> callMethod.equals(method);
      };
      return methodMatches && (pathPrefix == null || path.startsWith(pathPrefix));
    }
  }

  private final Deque<Scheduled> faults = new ArrayDeque<>();
  private final AtomicInteger injected = new AtomicInteger();
  private double chaosProbability;
  private long chaosSeed;
  private Random chaosRandom = new Random(0);
  private volatile Duration readLatency = Duration.ZERO;
  private volatile Duration writeLatency = Duration.ZERO;

  /** The next {@code count} calls matching {@code method} and {@code pathPrefix} (null: any path) get {@code fault}. */
  synchronized Scheduled schedule(String method, String pathPrefix, int count, Fault fault) {
    Scheduled s = new Scheduled(method, pathPrefix, fault, new AtomicInteger(count), false);
    faults.add(s);
    return s;
  }

  /** Every call matching {@code method} and {@code pathPrefix} gets {@code fault} until {@link #clear()}. */
  synchronized Scheduled scheduleAlways(String method, String pathPrefix, Fault fault) {
    Scheduled s = new Scheduled(method, pathPrefix, fault, new AtomicInteger(1), true);
    faults.add(s);
    return s;
  }

  /** The fault this call gets, if any: the first scheduled one that matches, else a chaos draw. */
  synchronized Fault next(String method, String path) {
    for (Scheduled f : faults) {
      if (f.matches(method, path) && f.remaining().get() > 0) {
        if (!f.always() && f.remaining().decrementAndGet() == 0) {
          faults.remove(f);
        }
        injected.incrementAndGet();
        return f.fault();
      }
    }
    if (chaosProbability > 0 && chaosRandom.nextDouble() < chaosProbability) {
      injected.incrementAndGet();
      return switch (chaosRandom.nextInt(5)) {
        case 0 -> Fault.serverError();
        case 1 -> Fault.rateLimited(null);
        case 2 -> Fault.rateLimited(0);
        case 3 -> Fault.droppedConnection();
        default -> Fault.droppedAfterCommit();
      };
    }
    return null;
  }

  /** The faults still to come, in the order they are tried. */
  synchronized List<Scheduled> pending() {
    return faults.stream().filter(f -> f.remaining().get() > 0).toList();
  }

  /** Drops the scheduled faults and stops chaos (the count of injected faults stays). */
  synchronized void clear() {
    faults.clear();
    chaosProbability = 0;
  }

  /** Each call fails with {@code probability}, drawn from a generator seeded with {@code seed}. */
  synchronized void setChaos(double probability, long seed) {
    chaosRandom = new Random(seed);
    chaosSeed = seed;
    chaosProbability = probability;
  }

  synchronized double chaosProbability() {
    return chaosProbability;
  }

  synchronized long chaosSeed() {
    return chaosSeed;
  }

  int injected() {
    return injected.get();
  }

  void setLatency(Duration reads, Duration writes) {
    this.readLatency = reads;
    this.writeLatency = writes;
  }

  Duration readLatency() {
    return readLatency;
  }

  Duration writeLatency() {
    return writeLatency;
  }

  /** The delay before answering a call: the org's own latency if it has one, else the emulator's. */
  Duration latencyFor(boolean write, OrgStore org) {
    Duration own = org == null ? null : write ? org.writeLatency() : org.readLatency();
    return own != null ? own : write ? writeLatency : readLatency;
  }

  /** Faults, chaos, the injected count and the latency back to none. */
  synchronized void reset() {
    clear();
    injected.set(0);
    readLatency = Duration.ZERO;
    writeLatency = Duration.ZERO;
  }
}
