package io.ddwebhooks.tools;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The benchmark's results as a Markdown table and PNG plots (JFreeChart). */
final class BenchmarkReport {

  private BenchmarkReport() {}

  /** One column per N; one row per figure, with the goal it is held to. */
  static String markdown(List<BenchmarkFigures> runs) {
    StringBuilder md = new StringBuilder("| figure | goal |");
    StringBuilder rule = new StringBuilder("|---|---|");
    for (BenchmarkFigures f : runs) {
      md.append(String.format(Locale.ROOT, " N=%,d (writes %d ms) |", f.n(), f.writeLatencyMs()));
      rule.append("---|");
    }
    md.append('\n').append(rule).append('\n');
    row(md, runs, "resources (webhooks + custom variables)", "", f -> f.resources(), "%.0f");
    row(md, runs, "create: seconds until all Ready", "", BenchmarkFigures::createSeconds, "%.1f");
    row(md, runs, "create: time / (resources x write latency)", "<= 1.05", BenchmarkFigures::createRatio, "%.2f");
    row(md, runs, "create: writes per change", "1 (+1 per secret variable)", BenchmarkFigures::createWritesPerChange, "%.2f");
    row(md, runs, "create: GETs per create (before its POST)", "<= 1 (webhooks 0)",
        BenchmarkFigures::createGetsPerCreate,
        "%.2f");
    row(md, runs, "update (spec): time / (N x write latency)", "", BenchmarkFigures::updateRatio, "%.2f");
    row(md, runs, "update (spec): writes per change", "1", BenchmarkFigures::updateWritesPerChange, "%.2f");
    row(md, runs, "update (spec): GETs per change (before its PUT)", "1", BenchmarkFigures::updateGetsPerChange,
        "%.2f");
    row(md, runs, "Secret rotation: writes per change", "1", BenchmarkFigures::rotationWritesPerChange, "%.2f");
    row(md, runs, "Secret rotation: change -> write starts, p50 (s)", "", BenchmarkFigures::rotationP50Seconds,
        "%.2f");
    row(md, runs, "steady state: writes per resource per interval", "0",
        BenchmarkFigures::steadyWritesPerResourceInterval, "%.2f");
    row(md, runs, "steady state: GETs per resource per interval", "1",
        BenchmarkFigures::steadyGetsPerResourceInterval, "%.2f");
    row(md, runs, "restart: window observed (s)", "", BenchmarkFigures::restartWindowSeconds, "%.1f");
    row(md, runs, "restart: writes per resource in the window", "0",
        BenchmarkFigures::restartWritesPerResource, "%.2f");
    row(md, runs, "restart: GETs per resource in the window", "~ window / interval (steady rate)",
        BenchmarkFigures::restartGetsPerResource, "%.2f");
    row(md, runs, "startup: process start -> first reconcile (s)", "< 3", BenchmarkFigures::startupSeconds,
        "%.2f");
    row(md, runs, "delete: time / (resources x write latency)", "", BenchmarkFigures::deleteRatio, "%.2f");
    row(md, runs, "delete: writes per resource", "1", BenchmarkFigures::deleteWritesPerResource, "%.2f");
    row(md, runs, "heap after full GC (MiB)", "< max heap / 2", f -> f.heapAfterGcMiB(), "%.0f");
    row(md, runs, "max heap (MiB)", "", f -> f.maxHeapMiB(), "%.0f");
    row(md, runs, "resident memory, RSS (MiB)", "< 384 (limit)", f -> f.rssMiB(), "%.0f");
    row(md, runs, "threads", "", f -> f.threads(), "%.0f");
    md.append('\n').append("Memory is of: ").append(runs.isEmpty() ? "" : runs.get(0).memoryOf()).append('\n');
    return md.toString();
  }

  private static void row(StringBuilder md, List<BenchmarkFigures> runs, String name, String goal,
      ToDoubleFunction<BenchmarkFigures> value, String format) {
    md.append("| ").append(name).append(" | ").append(goal).append(" |");
    for (BenchmarkFigures f : runs) {
      md.append(' ').append(String.format(Locale.ROOT, format, value.applyAsDouble(f))).append(" |");
    }
    md.append('\n');
  }

  /** time-vs-n.png (with the bound), calls-per-resource.png and memory-vs-n.png in {@code dir}. */
  static void plots(List<BenchmarkFigures> runs, Path dir) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Files.createDirectories(dir);
    XYSeries created = new XYSeries("creates: measured");
    XYSeries bound = new XYSeries("bound: resources x write latency");
    XYSeries deleted = new XYSeries("deletes: measured");
    XYSeries writes = new XYSeries("writes per change (create)");
    XYSeries gets = new XYSeries("GETs per create");
    XYSeries steady = new XYSeries("GETs per resource per interval (steady)");
    XYSeries restart = new XYSeries("GETs per resource after a restart (window)");
    XYSeries heap = new XYSeries("heap after full GC");
    XYSeries rss = new XYSeries("RSS");
    for (BenchmarkFigures f : runs) {
      created.add(f.n(), f.createSeconds());
      bound.add(f.n(), f.resources() * f.writeLatencyMs() / 1000.0);
      deleted.add(f.n(), f.deleteRatio() * f.resources() * f.writeLatencyMs() / 1000.0);
      writes.add(f.n(), f.createWritesPerChange());
      gets.add(f.n(), f.createGetsPerCreate());
      steady.add(f.n(), f.steadyGetsPerResourceInterval());
      restart.add(f.n(), f.restartGetsPerResource());
      heap.add(f.n(), f.heapAfterGcMiB());
      rss.add(f.n(), f.rssMiB());
    }
    save(dir.resolve("time-vs-n.png"), "Time to converge vs N", "seconds", created, bound, deleted);
    save(dir.resolve("calls-per-resource.png"), "Datadog calls per resource vs N", "calls", writes, gets, steady,
        restart);
    save(dir.resolve("memory-vs-n.png"), "Memory vs N", "MiB", heap, rss);
  }

  static void save(Path file, String title, String yLabel, XYSeries... series) throws IOException {
    save(file, title, "N (webhooks; as many custom variables)", yLabel, series);
  }

  static void save(Path file, String title, String xLabel, String yLabel, XYSeries... series) throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    for (XYSeries s : series) {
      data.addSeries(s);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data,
        PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < series.length; i++) {
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    plot.setRenderer(renderer);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 540);
  }
}
