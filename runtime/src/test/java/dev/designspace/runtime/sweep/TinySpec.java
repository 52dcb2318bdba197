package dev.designspace.runtime.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A design space of models small enough to train in a second on synthetic data, for sweep tests.
 */
public final class TinySpec {
  private TinySpec() {}

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
