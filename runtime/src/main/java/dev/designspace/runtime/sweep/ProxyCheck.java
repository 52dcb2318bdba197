package dev.designspace.runtime.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.designspace.files.AtomicFiles;
import dev.designspace.generator.random.SplitMix64;
import dev.designspace.runtime.analysis.ProxyValidity;
import dev.designspace.runtime.analysis.RankCorrelation;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunFileReader;
import dev.designspace.runtime.runfiles.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The proxy check of a sweep: K of its models, a seeded random subset, trained again at a longer
 * schedule into {@code proxy-check/models/ID/}, and the agreement of the two rankings written to
 * {@code proxy-check.json}. A sweep compares design spaces by short-training errors; this says
 * whether those errors order the models as longer training does.
 */
public final class ProxyCheck {
  /** The check's run directories live under this directory of the sweep. */
  public static final String DIRECTORY = "proxy-check";

  /** The check's figures, for scripts. */
  public static final String JSON_FILE = "proxy-check.json";

  /** By default the check trains this many times the sweep's epochs. */
  public static final int EPOCH_FACTOR = 4;

  /** Epochs of train when none are given. */
  static final int TRAIN_DEFAULT_EPOCHS = 10;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ProxyCheck() {}

  /** The {@code count} models checked: the first of a seeded shuffle, in manifest order. */
  public static List<SweepModel> choose(List<SweepModel> models, int count, long seed) {
    List<SweepModel> shuffled = new ArrayList<>(models);
    SplitMix64 rng = new SplitMix64(seed);
    for (int i = shuffled.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      shuffled.set(i, shuffled.set(j, shuffled.get(i)));
    }
    List<SweepModel> chosen =
        new ArrayList<>(shuffled.subList(0, Math.min(count, shuffled.size())));
    chosen.sort(Comparator.comparingInt(SweepModel::position));
    return chosen;
  }

  /** The run directory of a model's longer training. */
  public static Path runDir(Path sweepDir, SweepModel model) {
    return sweepDir.resolve(DIRECTORY).resolve(SweepDirectory.MODELS).resolve(model.id());
  }

  /** The epochs a list of train arguments asks for. */
  public static int epochsOf(List<String> trainArguments) {
    int at = trainArguments.indexOf("--epochs");
    if (at < 0 || at + 1 >= trainArguments.size()) {
      return TRAIN_DEFAULT_EPOCHS;
    }
    try {
      return Integer.parseInt(trainArguments.get(at + 1));
    } catch (NumberFormatException e) {
      return TRAIN_DEFAULT_EPOCHS;
    }
  }

  /** The same train arguments with the epochs replaced. */
  static List<String> withEpochs(List<String> trainArguments, int epochs) {
    return TrainArguments.with(trainArguments, "--epochs", String.valueOf(epochs));
  }

  /**
   * Pairs every model with a result in both trainings (done or diverged; failed runs say nothing
   * about the ranking) and judges the proxy; empty when the sweep has no proxy check.
   */
  public static Optional<ProxyValidity> evaluate(Path sweepDir) throws IOException {
    Path checks = sweepDir.resolve(DIRECTORY).resolve(SweepDirectory.MODELS);
    if (!Files.isDirectory(checks)) {
      return Optional.empty();
    }
    List<String> ids = new ArrayList<>();
    List<Double> proxy = new ArrayList<>();
    List<Double> longer = new ArrayList<>();
    int proxyEpochs = 0;
    int longEpochs = 0;
    List<Path> dirs;
    try (var entries = Files.list(checks)) {
      dirs = entries.sorted().toList();
    }
    for (Path dir : dirs) {
      Optional<ModelResult> check = RunFileReader.resultIn(dir);
      Optional<ModelResult> sweep =
          RunFileReader.resultIn(
              sweepDir.resolve(SweepDirectory.MODELS).resolve(dir.getFileName()));
      if (check.isEmpty()
          || sweep.isEmpty()
          || check.get().status() == RunStatus.FAILED
          || sweep.get().status() == RunStatus.FAILED) {
        continue;
      }
      ids.add(sweep.get().id());
      proxy.add(sweep.get().error());
      longer.add(check.get().error());
      proxyEpochs = sweep.get().scheduledEpochs(proxyEpochs);
      longEpochs = check.get().scheduledEpochs(longEpochs);
    }
    return Optional.of(
        ProxyValidity.of(
            ids,
            proxy.stream().mapToDouble(Double::doubleValue).toArray(),
            longer.stream().mapToDouble(Double::doubleValue).toArray(),
            proxyEpochs,
            longEpochs,
            0));
  }

  /** Writes {@code proxy-check.json} atomically and returns the figures written. */
  public static Optional<ProxyValidity> write(Path sweepDir) throws IOException {
    Optional<ProxyValidity> validity = evaluate(sweepDir);
    if (validity.isPresent()) {
      AtomicFiles.write(sweepDir.resolve(JSON_FILE), JSON.writeValueAsBytes(json(validity.get())));
    }
    return validity;
  }

  /** The JSON shape of the figures (docs/run-files.md). */
  public static Map<String, Object> json(ProxyValidity v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("proxyEpochs", v.proxyEpochs());
    m.put("longEpochs", v.longEpochs());
    m.put("models", v.ids().size());
    RankCorrelation c = v.correlation();
    m.put("spearman", c == null ? null : finite(c.spearman()));
    m.put(
        "spearmanInterval",
        c == null
            ? null
            : Arrays.asList(
                finite(c.spearmanInterval().low()), finite(c.spearmanInterval().high())));
    m.put("kendall", c == null ? null : finite(c.kendall()));
    m.put(
        "kendallInterval",
        c == null
            ? null
            : Arrays.asList(finite(c.kendallInterval().low()), finite(c.kendallInterval().high())));
    m.put("verdict", v.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    m.put("sentence", v.sentence());
    List<Map<String, Object>> pairs = new ArrayList<>();
    for (int i = 0; i < v.ids().size(); i++) {
      Map<String, Object> pair = new LinkedHashMap<>();
      pair.put("id", v.ids().get(i));
      pair.put("proxyError", v.proxyErrors()[i]);
      pair.put("longError", v.longErrors()[i]);
      pairs.add(pair);
    }
    m.put("pairs", pairs);
    return m;
  }

  /** JSON has no NaN: an undefined coefficient is null. */
  private static Double finite(double x) {
    return Double.isFinite(x) ? x : null;
  }
}
