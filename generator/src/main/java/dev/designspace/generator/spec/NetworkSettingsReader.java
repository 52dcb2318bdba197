package dev.designspace.generator.spec;

import dev.designspace.generator.network.NetworkSettings;
import dev.designspace.generator.network.Stem;
import dev.designspace.generator.text.SpecNumbers;
import dev.designspace.model.Activation;
import dev.designspace.model.BlockType;
import dev.designspace.model.StemType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads a {@code network} section into {@link NetworkSettings}, defaults filling what it omits. */
final class NetworkSettingsReader {
  private static final List<String> NETWORK_KEYS =
      List.of("input", "classes", "stem", "block", "se_ratio", "head_width", "activation");
  private static final double DEFAULT_Y_SE_RATIO = 0.25;

  private NetworkSettingsReader() {}

  /** The settings {@code node} (at {@code path}) gives; the ImageNet defaults when it is null. */
  static NetworkSettings read(YamlNode node, String path) {
    NetworkSettings defaults = NetworkSettings.imageNetDefaults();
    if (node == null) {
      return defaults;
    }
    Fields f = Fields.of(node, path, NETWORK_KEYS);
    int size = defaults.inputSize();
    int channels = defaults.inputChannels();
    Optional<Fields> input = f.section("input", List.of("size", "channels"));
    if (input.isPresent()) {
      size = input.get().integer("size", size, SpecLimits.INPUT_SIZE);
      channels = input.get().integer("channels", channels, SpecLimits.WIDTH);
    }
    int classes = f.integer("classes", defaults.classes(), SpecLimits.CLASSES);
    StemType stemType = defaults.stem().type();
    int stemWidth = defaults.stem().width();
    Optional<Fields> stem = f.section("stem", List.of("type", "width"));
    if (stem.isPresent()) {
      List<String> names = Arrays.stream(StemType.values()).map(StemType::externalName).toList();
      stemType =
          StemType.fromSpecName(
                  stem.get().oneOf("type", stemType.externalName(), Set.copyOf(names), names))
              .orElseThrow();
      stemWidth = stem.get().integer("width", stemWidth, SpecLimits.WIDTH);
    }
    List<String> blocks = Arrays.stream(BlockType.values()).map(BlockType::externalName).toList();
    BlockType block =
        BlockType.fromSpecName(f.oneOf("block", "x", Set.copyOf(blocks), blocks)).orElseThrow();
    double seRatio = block == BlockType.Y ? DEFAULT_Y_SE_RATIO : 0;
    if (f.has("se_ratio")) {
      YamlNode se = f.node("se_ratio").orElseThrow();
      seRatio = Fields.asNumber(se, f.pathOf("se_ratio"));
      if (!(seRatio >= 0 && seRatio < 1)) {
        throw new SpecException(
            se.location(),
            f.pathOf("se_ratio"),
            "must be in [0, 1), got " + SpecNumbers.format(seRatio));
      }
      if (block == BlockType.Y && seRatio == 0) {
        throw new SpecException(
            se.location(),
            f.pathOf("se_ratio"),
            "block y is the x block with SE, so se_ratio must be > 0 (or use block: x)");
      }
      if (block != BlockType.Y && seRatio > 0) {
        throw new SpecException(
            se.location(),
            f.pathOf("se_ratio"),
            "SE needs block: y (the x block with SE); block "
                + block.externalName()
                + " takes se_ratio 0");
      }
    }
    int headWidth = f.integer("head_width", 0, SpecLimits.HEAD_WIDTH);
    List<String> activations =
        Arrays.stream(Activation.values()).map(Activation::externalName).toList();
    Activation activation =
        Activation.fromSpecName(f.oneOf("activation", "relu", Set.copyOf(activations), activations))
            .orElseThrow();
    return new NetworkSettings(
        size,
        channels,
        classes,
        new Stem(stemType, stemWidth),
        block,
        seRatio,
        headWidth,
        activation);
  }
}
