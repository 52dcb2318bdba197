package dev.designspace.runtime.sweep;

import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Models per hour of a local sweep with one JVM per model against persistent workers: rounds that
 * interleave the two (alternating which goes first), each sweeping fresh directories of the same
 * models, and the medians over rounds. Also each model's time outside training: the wall time from
 * handing it to a worker to its end, minus the training time its result records.
 */
public final class SweepBenchmark {
  private SweepBenchmark() {}

  /**
   * @param specs the design spaces, one per round in turn
   * @param models models per sweep
   * @param rounds rounds, each sweeping once per worker mode
   * @param workers worker processes (threads split between them as a sweep does)
   * @param trainArguments {@code train} options of every model
   * @param scratch where the sweeps go; each round and mode gets a fresh directory
   */
  public record Request(
      List<Path> specs,
      int models,
      int rounds,
      int workers,
      List<String> trainArguments,
      Path scratch) {
    public Request {
      specs = List.copyOf(specs);
      trainArguments = List.copyOf(trainArguments);
      Objects.requireNonNull(scratch, "scratch");
      if (specs.isEmpty()) {
        throw new IllegalArgumentException("bench sweep needs at least one spec");
      }
      if (models < 1 || rounds < 1 || workers < 1) {
        throw new IllegalArgumentException(
            "--models, --rounds and --workers must be >= 1, got "
                + models
                + ", "
                + rounds
                + ", "
                + workers);
      }
    }
  }

  /**
   * One sweep's figures.
   *
   * @param modelsPerHour models over the wall time from the first model handed out to the last end
   * @param overheadSeconds median over its models of (wall time of the model - its trainSeconds)
   */
  public record Measurement(double modelsPerHour, double overheadSeconds) {}

  /** The measurements of each mode, one per round, in round order. */
  public record Result(Map<WorkerMode, List<Measurement>> byMode) {
    public Result {
      byMode = Map.copyOf(byMode);
    }

    public double medianModelsPerHour(WorkerMode mode) {
      return median(byMode.get(mode).stream().mapToDouble(Measurement::modelsPerHour).toArray());
    }

    public double medianOverheadSeconds(WorkerMode mode) {
      return median(byMode.get(mode).stream().mapToDouble(Measurement::overheadSeconds).toArray());
    }
  }

  /** Runs the rounds; {@code progress} gets a line per sweep. */
  public static Result run(Request request, Consumer<String> progress)
      throws IOException, InterruptedException {
    int cores = Runtime.getRuntime().availableProcessors();
    Map<WorkerMode, List<Measurement>> byMode = new EnumMap<>(WorkerMode.class);
    for (WorkerMode mode : WorkerMode.values()) {
      byMode.put(mode, new ArrayList<>());
    }
    for (int round = 0; round < request.rounds(); round++) {
      Path spec = request.specs().get(round % request.specs().size());
      List<WorkerMode> order =
          round % 2 == 0
              ? List.of(WorkerMode.PER_MODEL, WorkerMode.PERSISTENT)
              : List.of(WorkerMode.PERSISTENT, WorkerMode.PER_MODEL);
      for (WorkerMode mode : order) {
        Path dir = request.scratch().resolve("round-" + (round + 1) + "-" + mode.cliName());
        SweepRequest sweep =
            new SweepRequest(
                    spec,
                    request.models(),
                    round,
                    dir,
                    request.workers(),
                    Math.max(1, cores / request.workers()),
                    request.trainArguments(),
                    false)
                .withWorkerMode(mode);
        Measurement m = measure(sweep);
        byMode.get(mode).add(m);
        progress.accept(
            String.format(
                Locale.ROOT,
                "round %d, %s, %s: %.1f models/h, %.1f s per model outside training",
                round + 1,
                spec.getFileName(),
                mode.cliName(),
                m.modelsPerHour(),
                m.overheadSeconds()));
      }
    }
    return new Result(byMode);
  }

  private static Measurement measure(SweepRequest sweep) throws IOException, InterruptedException {
    Map<String, Long> handedOut = new ConcurrentHashMap<>();
    Map<String, Long> ended = new ConcurrentHashMap<>();
    SweepListener timing =
        new SweepListener() {
          @Override
          public void started(String modelId, int running, int pending) {
            handedOut.put(modelId, System.nanoTime());
          }

          @Override
          public void finished(
              String modelId, RunStatus status, double error, SweepProgress progress) {
            ended.put(modelId, System.nanoTime());
          }
        };
    SweepResult result = LocalSweep.run(sweep, timing);
    long first = handedOut.values().stream().mapToLong(Long::longValue).min().orElseThrow();
    long last = ended.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    double hours = (last - first) / 3600e9;
    List<Double> overheads = new ArrayList<>();
    for (ModelResult r : result.results()) {
      Long from = handedOut.get(r.id());
      Long to = ended.get(r.id());
      if (from != null && to != null && r.trainSeconds() != null) {
        overheads.add((to - from) / 1e9 - r.trainSeconds());
      }
    }
    if (overheads.isEmpty()) {
      throw new SweepException(
          "no model of " + sweep.directory() + " recorded its training time; see its worker.log");
    }
    return new Measurement(
        ended.size() / hours,
        median(overheads.stream().mapToDouble(Double::doubleValue).toArray()));
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
