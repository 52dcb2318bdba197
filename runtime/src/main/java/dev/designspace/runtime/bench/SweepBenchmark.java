package dev.designspace.runtime.bench;

import dev.designspace.command.BadInputException;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.sweep.LocalSweep;
import dev.designspace.runtime.sweep.SweepException;
import dev.designspace.runtime.sweep.SweepListener;
import dev.designspace.runtime.sweep.SweepProgress;
import dev.designspace.runtime.sweep.SweepRequest;
import dev.designspace.runtime.sweep.SweepResult;
import dev.designspace.runtime.sweep.WorkerMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Models per hour of local sweeps in the demo's regime, the way sweeps ran before the throughput
 * work against how they run now: rounds that interleave the designs (rotating which goes first),
 * each sweeping fresh directories of the same models of every spec, and the medians over rounds.
 * The wall time runs from the start of the first sweep (sampling and compiling included) to the end
 * of the last model. Also each model's time outside training: the wall time from handing it to a
 * worker to its end, minus the training time its result records.
 */
public final class SweepBenchmark {
  private SweepBenchmark() {}

  /** How the sweeps of one measurement run. */
  public enum Design {
    /** As before: a JVM per model, TensorFlow's graph optimiser on, one sweep after the other. */
    BEFORE("one JVM per model, Grappler on, sweeps in turn"),
    /** Persistent workers alone: the rest as before. */
    PERSISTENT("persistent workers, Grappler on, sweeps in turn"),
    /** As now: persistent workers, the graph optimiser off on a CPU, one pool for all sweeps. */
    NOW("persistent workers, Grappler off, one pool for all sweeps");

    private final String description;

    Design(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }

    public String externalName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Design parse(String name) {
      for (Design d : values()) {
        if (d.externalName().equals(name)) {
          return d;
        }
      }
      throw new BadInputException("a design is before, persistent or now, got '" + name + "'");
    }
  }

  /**
   * @param specs the design spaces, all swept in every measurement
   * @param models models per spec
   * @param rounds rounds, each measuring every design once
   * @param workers worker processes (threads split between them as a sweep does)
   * @param designs the designs compared, the first being the baseline
   * @param trainArguments {@code train} options of every model
   * @param scratch where the sweeps go; each round and design gets fresh directories
   */
  public record Request(
      List<Path> specs,
      int models,
      int rounds,
      int workers,
      List<Design> designs,
      List<String> trainArguments,
      Path scratch) {
    public Request {
      specs = List.copyOf(specs);
      designs = List.copyOf(designs);
      trainArguments = List.copyOf(trainArguments);
      Objects.requireNonNull(scratch, "scratch");
      if (specs.isEmpty() || designs.isEmpty()) {
        throw new BadInputException("bench sweep needs at least one spec and one design");
      }
      if (models < 1 || rounds < 1 || workers < 1) {
        throw new BadInputException(
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
   * One measurement's figures.
   *
   * @param modelsPerHour models over the wall time from the first sweep's start to the last end
   * @param overheadSeconds median over its models of (wall time of the model - its trainSeconds)
   */
  public record Measurement(double modelsPerHour, double overheadSeconds) {}

  /** The measurements of each design, one per round, in round order. */
  public record Result(Map<Design, List<Measurement>> byDesign) {
    public Result {
      byDesign = Map.copyOf(byDesign);
    }

    public double medianModelsPerHour(Design design) {
      return median(
          byDesign.get(design).stream().mapToDouble(Measurement::modelsPerHour).toArray());
    }

    public double medianOverheadSeconds(Design design) {
      return median(
          byDesign.get(design).stream().mapToDouble(Measurement::overheadSeconds).toArray());
    }
  }

  /** Runs the rounds; {@code progress} gets a line per measurement. */
  public static Result run(Request request, Consumer<String> progress)
      throws IOException, InterruptedException {
    Map<Design, List<Measurement>> byDesign = new EnumMap<>(Design.class);
    for (Design design : request.designs()) {
      byDesign.put(design, new ArrayList<>());
    }
    for (int round = 0; round < request.rounds(); round++) {
      List<Design> order = new ArrayList<>(request.designs());
      Collections.rotate(order, -round); // each design goes first in turn
      for (Design design : order) {
        Path dir = request.scratch().resolve("round-" + (round + 1) + "-" + design.externalName());
        Measurement m = measure(request, round, design, dir);
        byDesign.get(design).add(m);
        progress.accept(
            String.format(
                Locale.ROOT,
                "round %d, %s: %.1f models/h, %.1f s per model outside training",
                round + 1,
                design.description(),
                m.modelsPerHour(),
                m.overheadSeconds()));
      }
    }
    return new Result(byDesign);
  }

  private static Measurement measure(Request request, int round, Design design, Path dir)
      throws IOException, InterruptedException {
    int cores = Runtime.getRuntime().availableProcessors();
    List<String> arguments = new ArrayList<>(request.trainArguments());
    if (design != Design.NOW) {
      arguments.addAll(List.of("--grappler", "on"));
    }
    WorkerMode mode = design == Design.BEFORE ? WorkerMode.PER_MODEL : WorkerMode.PERSISTENT;
    List<SweepRequest> sweeps = new ArrayList<>();
    for (Path spec : request.specs()) {
      String name = spec.getFileName().toString().replace(".yaml", "");
      sweeps.add(
          new SweepRequest(
                  spec,
                  request.models(),
                  round,
                  dir.resolve(name),
                  request.workers(),
                  Math.max(1, cores / request.workers()),
                  arguments,
                  false)
              .withWorkerMode(mode));
    }
    Map<String, Long> handedOut = new ConcurrentHashMap<>();
    Map<String, Long> ended = new ConcurrentHashMap<>();
    SweepListener timing =
        new SweepListener() {
          @Override
          public void started(String modelId, int running, int pending) {
            handedOut.put(modelId, System.nanoTime());
          }

          @Override
          public void finished(ModelResult result, SweepProgress progress) {
            ended.put(result.id(), System.nanoTime());
          }
        };
    long start = System.nanoTime();
    List<SweepResult> results = new ArrayList<>();
    if (design == Design.NOW) {
      results.addAll(LocalSweep.runAll(sweeps, Collections.nCopies(sweeps.size(), timing)));
    } else {
      for (SweepRequest sweep : sweeps) {
        results.add(LocalSweep.run(sweep, timing));
      }
    }
    long last = ended.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    double hours = (last - start) / 3600e9;
    List<Double> overheads = new ArrayList<>();
    for (SweepResult result : results) {
      for (ModelResult r : result.results()) {
        Long from = handedOut.get(r.id());
        Long to = ended.get(r.id());
        if (from != null && to != null && r.trainSeconds() != null) {
          overheads.add((to - from) / 1e9 - r.trainSeconds());
        }
      }
    }
    if (overheads.isEmpty()) {
      throw new SweepException(
          "no model in " + dir + " recorded its training time; see the models' worker.log");
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
