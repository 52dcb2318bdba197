package dev.designspace.runtime.refine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.designspace.generator.spec.SpecLoader;
import dev.designspace.runtime.runfiles.EpochStats;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunFileWriter;
import dev.designspace.runtime.runfiles.RunFiles;
import dev.designspace.runtime.runfiles.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * A sweep directory written as a sweep writes it (spec.yaml with extends applied, manifest.json,
 * models/ID/result.json through the run-file writer), with drawn values chosen independently and
 * uniformly and errors given by a formula: data with a known answer, without training anything.
 */
public final class SyntheticSweep {
  public static final Path ROOT =
      Path.of(System.getProperty("designspace.root", "..")).toAbsolutePath().normalize();

  /** The shipped RegNetX of Fashion-MNIST scale. */
  public static final Path REGNET_SPEC = ROOT.resolve("specs/fmnist-regnet-x.yaml");

  /** The shipped AnyNetXA of Fashion-MNIST scale (3 stages). */
  public static final Path ANYNET_SPEC = ROOT.resolve("specs/fmnist-anynet-xa.yaml");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int STAGES = 3;

  private SyntheticSweep() {}

  /**
   * A RegNet sweep of {@link #REGNET_SPEC}: depth 3..16, w0 in 8..64 (multiples of 8), wa in [4,
   * 64] (0.1 steps), wm in [1.5, 3] (0.001 steps, uniform in log), b in {1, 2, 4}, g in {1, 2, 4,
   * 8, 16}; the error of a model is {@code error} of its values.
   */
  public static Path regNet(
      Path dir, int count, long seed, ToDoubleFunction<Map<String, Double>> error)
      throws IOException {
    Random rng = new Random(seed);
    begin(dir, REGNET_SPEC, count, seed);
    for (int i = 0; i < count; i++) {
      Map<String, Double> v = new LinkedHashMap<>();
      v.put("depth", (double) (3 + rng.nextInt(14)));
      v.put("w0", 8.0 * (1 + rng.nextInt(8)));
      v.put("wa", (40 + rng.nextInt(601)) / 10.0);
      v.put("wm", Math.round(1500 * Math.exp(rng.nextDouble() * Math.log(2))) / 1000.0);
      v.put("group_width", (double) (1 << rng.nextInt(5)));
      v.put("bottleneck_ratio", (double) (1 << rng.nextInt(3)));
      ObjectNode config = JSON.createObjectNode();
      ObjectNode sampled = config.putObject("sampled");
      v.forEach(sampled::put);
      config.put("depth", v.get("depth").intValue());
      config.put("w0", v.get("w0").intValue());
      config.put("wa", v.get("wa"));
      config.put("wm", v.get("wm"));
      write(dir, "FmnistRegNetX", i, config, error.applyAsDouble(v));
    }
    return dir;
  }

  /**
   * An AnyNet sweep of {@link #ANYNET_SPEC}, 3 stages: depth 1..6, width 8..256 (multiples of 8), b
   * in {1, 2, 4}, g in {1, 2, 4, 8, 16} per stage; the error of a model is {@code error} of its
   * per-stage values.
   */
  public static Path anyNet(
      Path dir, int count, long seed, ToDoubleFunction<Map<String, double[]>> error)
      throws IOException {
    Random rng = new Random(seed);
    begin(dir, ANYNET_SPEC, count, seed);
    for (int i = 0; i < count; i++) {
      Map<String, double[]> v = new LinkedHashMap<>();
      v.put("depth", stages(() -> 1 + rng.nextInt(6)));
      v.put("width", stages(() -> 8 * (1 + rng.nextInt(32))));
      v.put("bottleneck_ratio", stages(() -> 1 << rng.nextInt(3)));
      v.put("group_width", stages(() -> 1 << rng.nextInt(5)));
      ObjectNode config = JSON.createObjectNode();
      ObjectNode sampled = config.putObject("sampled");
      v.forEach(
          (key, values) -> {
            ArrayNode list = sampled.putArray(key);
            for (double x : values) {
              list.add((int) x);
            }
          });
      write(dir, "FmnistAnyNetXA", i, config, error.applyAsDouble(v));
    }
    return dir;
  }

  private static double[] stages(java.util.function.IntSupplier draw) {
    double[] out = new double[STAGES];
    for (int s = 0; s < STAGES; s++) {
      out[s] = draw.getAsInt();
    }
    return out;
  }

  /** spec.yaml and manifest.json, as a sweep prepares them. */
  private static void begin(Path dir, Path spec, int count, long seed) throws IOException {
    Files.createDirectories(dir.resolve("models"));
    Files.writeString(dir.resolve("spec.yaml"), SpecLoader.resolvedYaml(spec));
    String space = SpecLoader.load(spec).name();
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("count", count);
    manifest.put("seed", seed);
    ArrayNode models = manifest.putArray("models");
    for (int i = 0; i < count; i++) {
      String id = String.format("%s_s%04d", space, i);
      ObjectNode m = models.addObject();
      m.put("id", id);
      m.put("name", id);
      m.put("class", "dev.designspace.models." + id);
      m.put("source", id + ".java");
    }
    Files.writeString(dir.resolve("manifest.json"), manifest.toPrettyString());
  }

  private static void write(Path dir, String space, int index, ObjectNode config, double error)
      throws IOException {
    String id = String.format("%s_s%04d", space, index);
    config.put("name", id);
    Path run = dir.resolve("models").resolve(id);
    Files.createDirectories(run);
    ModelResult result =
        new ModelResult(
            id,
            RunStatus.DONE,
            error,
            error,
            1,
            1,
            List.of(new EpochStats(1, 0.5, error, error, error / 4, 0.1, 1.0)),
            1.0,
            1000.0,
            10_000_000,
            100_000,
            50_000,
            config,
            "fashion-mnist",
            "proxy",
            null,
            null,
            null,
            null,
            null);
    RunFileWriter.write(run.resolve(RunFiles.RESULT), result);
  }
}
