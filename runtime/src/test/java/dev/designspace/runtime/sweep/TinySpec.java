package dev.designspace.runtime.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A design space of models small enough to train in a second on synthetic data, for sweep tests.
 */
public final class TinySpec {
  private TinySpec() {}

  /** {@code designspace sweep} of {@code n} tiny models into {@code out}, one worker. */
  public static List<String> sweepCommand(Path spec, int n, Path out) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("sweep", spec.toString(), "-n", String.valueOf(n), "--workers", "1"));
    args.addAll(trainArguments());
    args.addAll(List.of("--out", out.toString()));
    return args;
  }

  /** Train options that train a tiny model in a second: 1 epoch of 256 synthetic images. */
  public static List<String> trainArguments() {
    return List.of(
        "--epochs", "1", "--dataset", "synthetic:256", "--batch-size", "32", "--test-limit", "64");
  }

  /**
   * Writes {@code DIR/FILE.yaml} with space name {@code name}: one stage, depth 1-2, width 8-24.
   */
  public static Path write(Path dir, String name) throws IOException {
    Path spec = dir.resolve(name.toLowerCase(java.util.Locale.ROOT) + ".yaml");
    Files.writeString(
        spec,
        String.join(
            "\n",
            "name: " + name,
            "network: {input: {size: 8, channels: 1}, classes: 4, stem: {type: cifar, width: 8},"
                + " block: x}",
            "sample:",
            "  family: anynet",
            "  stages: 1",
            "  depth: {dist: uniform, low: 1, high: 2, q: 1}",
            "  width: {dist: uniform, low: 8, high: 24, q: 8}",
            "  group_width: [4, 8]",
            ""));
    return spec;
  }
}
