package dev.designspace.generator.network;

import dev.designspace.model.Activation;
import dev.designspace.model.BlockType;
import dev.designspace.model.StemType;
import java.util.Objects;

/**
 * What every model of a design space shares: input, classes, stem, block type, SE ratio, head width
 * and activation (the spec's {@code network:} section).
 *
 * @param seRatio SE width ratio; 0 means no SE. The y block with ratio 0 is normalised by the spec
 *     loader to the pycls default 0.25.
 * @param headWidth width of the optional 1x1 conv before pooling; 0 means none
 */
public record NetworkSettings(
    int inputSize,
    int inputChannels,
    int classes,
    Stem stem,
    BlockType block,
    double seRatio,
    int headWidth,
    Activation activation) {

  public NetworkSettings {
    Objects.requireNonNull(stem, "stem");
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(activation, "activation");
    if (inputSize < 1) {
      throw new IllegalArgumentException("input size must be >= 1, got " + inputSize);
    }
    if (inputChannels < 1) {
      throw new IllegalArgumentException("input channels must be >= 1, got " + inputChannels);
    }
    if (classes < 1) {
      throw new IllegalArgumentException("classes must be >= 1, got " + classes);
    }
    if (!(seRatio >= 0 && seRatio < 1)) {
      throw new IllegalArgumentException("se_ratio must be in [0, 1), got " + seRatio);
    }
    if (seRatio > 0 && !block.isBottleneck()) {
      throw new IllegalArgumentException(
          "se_ratio applies only to x and y blocks, got "
              + seRatio
              + " for block "
              + block.externalName());
    }
    if (headWidth < 0) {
      throw new IllegalArgumentException("head width must be >= 0, got " + headWidth);
    }
  }

  /** The pycls AnyNetX/RegNetX defaults at 224x224 with 1000 classes. */
  public static NetworkSettings imageNetDefaults() {
    return new NetworkSettings(
        224, 3, 1000, new Stem(StemType.SIMPLE, 32), BlockType.X, 0, 0, Activation.RELU);
  }

  public NetworkSettings withBlock(BlockType newBlock, double newSeRatio) {
    return new NetworkSettings(
        inputSize, inputChannels, classes, stem, newBlock, newSeRatio, headWidth, activation);
  }

  public NetworkSettings withInput(int newSize, int newClasses) {
    return new NetworkSettings(
        newSize, inputChannels, newClasses, stem, block, seRatio, headWidth, activation);
  }
}
