package dev.designspace.runtime.sweep;

import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunFileReader;
import dev.designspace.runtime.runfiles.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How much of a sweep's spread is training noise: K of its models (a seeded choice) trained again,
 * the same model and data, with the next training seed, into {@code reruns/models/ID/}; the sweep's
 * own results are not touched. The report sets each model's two errors side by side.
 */
public final class Reruns {
  /** The reruns' run directories live under this directory of the sweep. */
  public static final String DIRECTORY = "reruns";

  private Reruns() {}

  /** One model trained twice: its sweep error and its rerun's. */
  public record Pair(String id, double error, double rerunError) {
    public double difference() {
      return rerunError - error;
    }
  }

  /** The run directory of a model's rerun. */
  public static Path runDir(Path sweepDir, SweepModel model) {
    return sweepDir.resolve(DIRECTORY).resolve(SweepDirectory.MODELS).resolve(model.id());
  }

  /** The models rerun: the proxy check's seeded choice, with a seed of their own. */
  static List<SweepModel> choose(List<SweepModel> models, int count, long seed) {
    return ProxyCheck.choose(models, count, seed + 1);
  }

  /** The train arguments with the next training seed: the same model, initialised and fed anew. */
  static List<String> withNextSeed(List<String> trainArguments) {
    int at = trainArguments.indexOf("--train-seed");
    long seed = 0;
    if (at >= 0 && at + 1 < trainArguments.size()) {
      seed = Long.parseLong(trainArguments.get(at + 1));
    }
    return TrainArguments.with(trainArguments, "--train-seed", String.valueOf(seed + 1));
  }

  /** Every model of the sweep done both times, in id order; empty without reruns. */
  public static List<Pair> read(Path sweepDir) throws IOException {
    Path runs = sweepDir.resolve(DIRECTORY).resolve(SweepDirectory.MODELS);
    List<Pair> pairs = new ArrayList<>();
    if (!Files.isDirectory(runs)) {
      return pairs;
    }
    try (Stream<Path> dirs = Files.list(runs)) {
      for (Path rerun : dirs.sorted().toList()) {
        Optional<ModelResult> again = RunFileReader.resultIn(rerun);
        Optional<ModelResult> first =
            RunFileReader.resultIn(
                sweepDir.resolve(SweepDirectory.MODELS).resolve(rerun.getFileName()));
        if (again.filter(r -> r.status() == RunStatus.DONE).isPresent()
            && first.filter(r -> r.status() == RunStatus.DONE).isPresent()) {
          pairs.add(new Pair(first.get().id(), first.get().error(), again.get().error()));
        }
      }
    }
    return pairs;
  }
}
