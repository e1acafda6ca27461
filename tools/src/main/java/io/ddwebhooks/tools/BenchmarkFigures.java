package io.ddwebhooks.tools;

/**
 * What one benchmark run at N measured. Times are ratios to the bound Datadog sets (writes one at a time per org:
 * N x write latency); calls are per change or per resource. {@code resources}: webhooks plus custom variables.
 */
public record BenchmarkFigures(
    int n,
    int resources,
    long writeLatencyMs,
    double createSeconds,
    double createRatio,
    double createWritesPerChange,
    double createGetsPerCreate,
    double updateRatio,
    double updateWritesPerChange,
    double updateGetsPerChange,
    double rotationWritesPerChange,
    double rotationP50Seconds,
    int steadyIntervals,
    double steadyWritesPerResourceInterval,
    double steadyGetsPerResourceInterval,
    double restartWindowSeconds,
    double restartWritesPerResource,
    double restartGetsPerResource,
    double startupSeconds,
    double deleteRatio,
    double deleteWritesPerResource,
    long heapAfterGcMiB,
    long maxHeapMiB,
    long rssMiB,
    int threads,
    String memoryOf) {}
