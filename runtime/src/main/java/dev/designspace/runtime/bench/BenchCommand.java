package dev.designspace.runtime.bench;

import dev.designspace.command.BadInputException;
import dev.designspace.command.ExitCodes;
import dev.designspace.layers.Network;
import dev.designspace.runtime.cli.OptionValues;
import dev.designspace.runtime.compile.SpecModels;
import dev.designspace.runtime.convtuning.FormulationChoice;
import dev.designspace.runtime.train.StepSplit;
import dev.designspace.runtime.train.TrainingThroughput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bench training}: training throughput of a model side by side with a plain MatMul and a
 * minimal hand-written TF Java loop of the same graph, and 2 worker processes x 1 thread against 1
 * x 2 threads; and where a step's time goes with the input pipeline in front of it (input wait
 * against session run, batches prefetched or prepared in turn). {@code bench sweep}: models per
 * hour of the demo's sweeps as they ran before the throughput work and as they run now ({@link
 * SweepBenchOptions}). Rounds interleave the configurations and medians are reported (the machines
 * are noisy). Results for BENCHMARKS.md.
 */
@Command(
    name = "bench",
    hidden = true, // for BENCHMARKS.md, not for users' runs
    mixinStandardHelpOptions = true,
    description = {
      "Measures training and sweep throughput for BENCHMARKS.md.",
      "training compares the trainer with a plain MatMul and with a minimal hand-written TF Java"
          + " loop of the same graph, and 2 worker processes x 1 thread with 1 x 2 threads, and"
          + " splits a step's time into input wait and session run with the batches prefetched and"
          + " prepared in turn; rounds interleave the configurations and medians are reported.",
      "sweep measures models per hour of the demo's sweeps as they ran before (one JVM per"
          + " model, Grappler on, sweeps in turn) and as they run now, and each model's seconds"
          + " outside training; rounds interleave the designs and medians are reported."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  designspace bench training --rounds 3",
      "  designspace bench sweep --models 4 --rounds 2"
    })
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  /** What to measure; {@code worker} is one measuring process that {@code training} starts. */
  enum What {
    TRAINING,
    SWEEP,
    WORKER;

    static What parse(String name) {
      for (What w : values()) {
        if (w.name().toLowerCase(Locale.ROOT).equals(name)) {
          return w;
        }
      }
      throw new BadInputException("bench takes training or sweep, got '" + name + "'");
    }
  }

  /** The values of WHAT a user is shown: the worker mode is internal. */
  static final class Whats extends OptionValues.Names<What> {
    Whats() {
      super(What::parse, List.of("training", "sweep"));
    }
  }

  @Parameters(
      index = "0",
      paramLabel = "WHAT",
      converter = Whats.class,
      completionCandidates = Whats.class,
      description = "What to measure: ${COMPLETION-CANDIDATES}.")
  What what;

  @Option(
      names = "--spec",
      defaultValue = "specs/fmnist-models.yaml",
      description = "The spec holding --model (default: ${DEFAULT-VALUE}).")
  Path specFile;

  @Option(
      names = "--model",
      defaultValue = "RegNetX-6MF",
      description = "The model measured (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description = "Interleaved rounds (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--steps",
      defaultValue = "80",
      description = "Timed steps per measurement (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = "--batch-size",
      defaultValue = "128",
      description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Worker: intra-op threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--conv-impl",
      paramLabel = "I",
      split = ",",
      defaultValue = "grouped,auto",
      converter = OptionValues.FormulationChoices.class,
      completionCandidates = OptionValues.FormulationChoices.class,
      description =
          "Grouped-conv formulations whose trainer throughput is measured side by side, from"
              + " ${COMPLETION-CANDIDATES}; the other rows use the first (default:"
              + " ${DEFAULT-VALUE}).")
  List<FormulationChoice> convImpls;

  @Mixin SweepBenchOptions sweep;

  @Override
  public Integer call() throws Exception {
    if (what == What.SWEEP) {
      return sweep.run(rounds, command.commandLine().getOut(), command.commandLine().getErr());
    }
    Network network =
        SpecModels.load(specFile, 1, 0)
            .byName(model)
            .orElseThrow(() -> new BadInputException("no model " + model + " in " + specFile));
    PrintWriter out = command.commandLine().getOut();
    if (what == What.WORKER) {
      out.println(
          TrainingThroughput.trainerImagesPerSecond(
              network, batch, threads, convImpls.get(0), 10, steps));
      out.flush();
      return ExitCodes.OK;
    }
    FormulationChoice first = convImpls.get(0);
    List<Double> matmul = new ArrayList<>();
    Map<FormulationChoice, List<Double>> byImpl = new LinkedHashMap<>();
    convImpls.forEach(c -> byImpl.put(c, new ArrayList<>()));
    List<Double> trainer = byImpl.get(first);
    List<Double> hand = new ArrayList<>();
    List<Double> oneByTwo = new ArrayList<>();
    List<Double> twoByOne = new ArrayList<>();
    // the step-time split: 2 threads, then 1 (a sweep worker's), each with prefetch off, then on
    List<List<StepSplit>> splits =
        List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < splits.size(); i++) {
        splits
            .get(i)
            .add(TrainingThroughput.stepSplit(network, batch, 2 - i / 2, 10, steps, i % 2 == 1));
      }
      matmul.add(TrainingThroughput.matMulGflops(2048, 2, 5));
      for (Map.Entry<FormulationChoice, List<Double>> e : byImpl.entrySet()) {
        e.getValue()
            .add(
                TrainingThroughput.trainerImagesPerSecond(
                    network, batch, 2, e.getKey(), 10, steps));
      }
      hand.add(TrainingThroughput.handWrittenImagesPerSecond(network, batch, 2, first, 10, steps));
      oneByTwo.add(workers(1, 2));
      twoByOne.add(workers(2, 1));
      command
          .commandLine()
          .getErr()
          .printf(
              Locale.ROOT,
              "round %d: matmul %.1f GFLOP/s, trainer %.0f img/s, hand %.0f img/s,"
                  + " 1x2 %.0f img/s, 2x1 %.0f img/s%n",
              r + 1,
              matmul.get(r),
              trainer.get(r),
              hand.get(r),
              oneByTwo.get(r),
              twoByOne.get(r));
      command.commandLine().getErr().flush();
    }
    double macs = network.info().flops();
    double t = median(trainer);
    double trainGflops = 3 * 2 * macs * t / 1e9;
    out.printf(
        Locale.ROOT,
        "model %s: %,d multiply-adds per image (%.1f MFLOP), batch %d, %d rounds x %d steps,"
            + " medians%n",
        model,
        (long) macs,
        2 * macs / 1e6,
        batch,
        rounds,
        steps);
    out.printf(Locale.ROOT, "| measurement | figure |%n|---|---|%n");
    out.printf(Locale.ROOT, "| MatMul 2048^3, 2 threads | %.1f GFLOP/s |%n", median(matmul));
    out.printf(
        Locale.ROOT,
        "| trainer, 1 process x 2 threads, --conv-impl %s | %.0f images/s = %.1f GFLOP/s (3 x 2 x"
            + " multiply-adds x images/s) = %.1f%% of MatMul |%n",
        first.externalName(),
        t,
        trainGflops,
        100 * trainGflops / median(matmul));
    for (Map.Entry<FormulationChoice, List<Double>> e : byImpl.entrySet()) {
      if (e.getKey() == first) {
        continue;
      }
      double ti = median(e.getValue());
      double gflops = 3 * 2 * macs * ti / 1e9;
      out.printf(
          Locale.ROOT,
          "| trainer with --conv-impl %s | %.0f images/s = %.1f GFLOP/s = %.1f%% of MatMul;"
              + " %.2fx %s |%n",
          e.getKey().externalName(),
          ti,
          gflops,
          100 * gflops / median(matmul),
          ti / t,
          first.externalName());
    }
    out.printf(
        Locale.ROOT,
        "| hand-written loop of the same graph | %.0f images/s; trainer / hand = %.3f |%n",
        median(hand),
        t / median(hand));
    out.printf(Locale.ROOT, "| 1 worker process x 2 threads | %.0f images/s |%n", median(oneByTwo));
    out.printf(
        Locale.ROOT,
        "| 2 worker processes x 1 thread (sum) | %.0f images/s = %.2fx |%n",
        median(twoByOne),
        median(twoByOne) / median(oneByTwo));
    printStepSplits(out, splits);
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * Runs {@code count} worker processes at once, {@code threadsEach} threads each; total images/s.
   */
  private double workers(int count, int threadsEach) throws IOException, InterruptedException {
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<String> command =
          new ArrayList<>(dev.designspace.runtime.sweep.LocalSweep.workerCommand());
      command.addAll(
          List.of(
              "bench",
              "worker",
              "--spec",
              specFile.toString(),
              "--model",
              model,
              "--steps",
              String.valueOf(steps),
              "--batch-size",
              String.valueOf(batch),
              "--threads",
              String.valueOf(threadsEach),
              "--conv-impl",
              convImpls.get(0).externalName()));
      processes.add(
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
    }
    double total = 0;
    for (Process p : processes) {
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line = reader.readLine();
        if (p.waitFor() != 0 || line == null) {
          throw new IllegalStateException("a benchmark worker failed");
        }
        total += Double.parseDouble(line.trim());
      }
    }
    return total;
  }

  /**
   * Per configuration, median input wait and session run per step with the batches prepared in turn
   * and prefetched.
   */
  private static void printStepSplits(PrintWriter out, List<List<StepSplit>> splits) {
    out.printf(
        Locale.ROOT,
        "%n| trainer step, input included | prefetch | input wait / step | run / step | input"
            + " share | images/s |%n|---|---|---|---|---|---|%n");
    for (int i = 0; i < splits.size(); i++) {
      List<StepSplit> s = splits.get(i);
      out.printf(
          Locale.ROOT,
          "| 1 process x %s | %s | %.2f ms | %.1f ms | %.1f%% | %.0f |%n",
          i / 2 == 0 ? "2 threads" : "1 thread",
          i % 2 == 1 ? "on" : "off",
          median(s.stream().map(StepSplit::inputWaitMillis).toList()),
          median(s.stream().map(StepSplit::runMillis).toList()),
          median(s.stream().map(StepSplit::inputSharePercent).toList()),
          median(s.stream().map(StepSplit::imagesPerSecond).toList()));
    }
  }

  private static double median(List<Double> xs) {
    double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
