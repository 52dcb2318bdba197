package dev.designspace.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a generated model is: its name and origin (design space, spec, seed and sample index), its
 * structure stage by stage, and its exact complexity as counted by the generator. Every generated
 * class has one as its static {@code INFO}.
 */
public final class ModelInfo {
  private final String name;
  private final String designSpace;
  private final String spec;
  private final Long seed;
  private final Integer sampleIndex;
  private final Map<String, String> sampledParameters;
  private final int inputSize;
  private final int inputChannels;
  private final int classes;
  private final StemType stem;
  private final int stemWidth;
  private final BlockType block;
  private final double seRatio;
  private final int headWidth;
  private final Activation activation;
  private final List<Stage> stages;
  private final RegNetParams regNet;
  private final long flops;
  private final long params;
  private final long acts;

  private ModelInfo(Builder b) {
    this.name = b.name;
    this.designSpace = Objects.requireNonNull(b.designSpace, "designSpace");
    this.spec = Objects.requireNonNull(b.spec, "spec");
    this.seed = b.seed;
    this.sampleIndex = b.sampleIndex;
    this.sampledParameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.sampledParameters));
    this.inputSize = positive("input size", b.inputSize);
    this.inputChannels = positive("input channels", b.inputChannels);
    this.classes = positive("classes", b.classes);
    this.stem = Objects.requireNonNull(b.stem, "stem");
    this.stemWidth = positive("stem width", b.stemWidth);
    this.block = Objects.requireNonNull(b.block, "block");
    this.seRatio = b.seRatio;
    this.headWidth = b.headWidth;
    this.activation = Objects.requireNonNull(b.activation, "activation");
    this.stages = List.copyOf(b.stages);
    if (stages.isEmpty()) {
      throw new IllegalArgumentException(name + ": a model has at least one stage");
    }
    this.regNet = b.regNet;
    this.flops = b.flops;
    this.params = b.params;
    this.acts = b.acts;
  }

  private static int positive(String what, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be >= 1, got " + value);
    }
    return value;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  public String designSpace() {
    return designSpace;
  }

  /**
   * The spec file the model was generated from: as typed for {@code gen}, relative to the project
   * for the Maven plugin (so no folder of the build machine ships in a jar).
   */
  public String spec() {
    return spec;
  }

  /** The sampling seed of a sampled model. */
  public OptionalLong seed() {
    return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
  }

  /** The index of a sampled model in its sample. */
  public OptionalInt sampleIndex() {
    return sampleIndex == null ? OptionalInt.empty() : OptionalInt.of(sampleIndex);
  }

  /** The drawn values of a sampled model, before the compatibility adjustment. */
  public Map<String, String> sampledParameters() {
    return sampledParameters;
  }

  public int inputSize() {
    return inputSize;
  }

  public int inputChannels() {
    return inputChannels;
  }

  public int classes() {
    return classes;
  }

  public StemType stem() {
    return stem;
  }

  public int stemWidth() {
    return stemWidth;
  }

  public BlockType block() {
    return block;
  }

  public double seRatio() {
    return seRatio;
  }

  public int headWidth() {
    return headWidth;
  }

  public Activation activation() {
    return activation;
  }

  public List<Stage> stages() {
    return stages;
  }

  /** The RegNet parameters of a model made from them. */
  public Optional<RegNetParams> regNet() {
    return Optional.ofNullable(regNet);
  }

  /** Multiply-adds of one forward pass at {@link #inputSize()}, counted as pycls counts them. */
  public long flops() {
    return flops;
  }

  /** Trainable parameters. */
  public long params() {
    return params;
  }

  /** Activations: output elements of every conv, pool and linear layer. */
  public long acts() {
    return acts;
  }

  @Override
  public String toString() {
    return name + " (" + designSpace + ", " + flops + " flops, " + params + " params)";
  }

  /** Builds a {@link ModelInfo}; generated code calls it in the order the fields are listed. */
  public static final class Builder {
    private final String name;
    private String designSpace;
    private String spec;
    private Long seed;
    private Integer sampleIndex;
    private final Map<String, String> sampledParameters = new LinkedHashMap<>();
    private int inputSize;
    private int inputChannels;
    private int classes;
    private StemType stem;
    private int stemWidth;
    private BlockType block;
    private double seRatio;
    private int headWidth;
    private Activation activation = Activation.RELU;
    private final List<Stage> stages = new ArrayList<>();
    private RegNetParams regNet;
    private long flops;
    private long params;
    private long acts;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    public Builder designSpace(String value) {
      this.designSpace = value;
      return this;
    }

    public Builder spec(String value) {
      this.spec = value;
      return this;
    }

    public Builder sample(long seedValue, int index) {
      this.seed = seedValue;
      this.sampleIndex = index;
      return this;
    }

    public Builder sampledParameter(String key, String value) {
      this.sampledParameters.put(key, value);
      return this;
    }

    public Builder input(int size, int channels) {
      this.inputSize = size;
      this.inputChannels = channels;
      return this;
    }

    public Builder classes(int value) {
      this.classes = value;
      return this;
    }

    public Builder stem(StemType type, int width) {
      this.stem = type;
      this.stemWidth = width;
      return this;
    }

    public Builder block(BlockType type) {
      this.block = type;
      return this;
    }

    public Builder seRatio(double value) {
      this.seRatio = value;
      return this;
    }

    public Builder headWidth(int value) {
      this.headWidth = value;
      return this;
    }

    public Builder activation(Activation value) {
      this.activation = value;
      return this;
    }

    public Builder stage(int depth, int width, int stride, double bottleneckRatio, int groupWidth) {
      this.stages.add(new Stage(depth, width, stride, bottleneckRatio, groupWidth));
      return this;
    }

    public Builder regNet(
        int depth, int w0, double wa, double wm, int groupWidth, double bottleneckRatio) {
      this.regNet = new RegNetParams(depth, w0, wa, wm, groupWidth, bottleneckRatio);
      return this;
    }

    public Builder complexity(long flopsValue, long paramsValue, long actsValue) {
      this.flops = flopsValue;
      this.params = paramsValue;
      this.acts = actsValue;
      return this;
    }

    public ModelInfo build() {
      return new ModelInfo(this);
    }
  }
}
