package dev.designspace.runtime.train;

import dev.designspace.runtime.nn.ModelInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/** A model's structure as JSON, in the shape of {@code describe --json}. */
public final class ModelInfoJson {
  private ModelInfoJson() {}

  public static Map<String, Object> of(ModelInfo info) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", info.name());
    m.put("designSpace", info.designSpace());
    m.put("spec", info.spec());
    info.seed().ifPresent(s -> m.put("seed", s));
    info.sampleIndex().ifPresent(i -> m.put("sampleIndex", i));
    if (!info.sampledParameters().isEmpty()) {
      m.put("sampled", info.sampledParameters());
    }
    m.put("stem", info.stem());
    m.put("stemWidth", info.stemWidth());
    m.put("block", info.block());
    m.put("seRatio", info.seRatio());
    m.put("headWidth", info.headWidth());
    m.put("activation", info.activation());
    m.put("inputSize", info.inputSize());
    m.put("inputChannels", info.inputChannels());
    m.put("classes", info.classes());
    m.put("depths", info.stages().stream().map(ModelInfo.Stage::depth).toList());
    m.put("widths", info.stages().stream().map(ModelInfo.Stage::width).toList());
    m.put("strides", info.stages().stream().map(ModelInfo.Stage::stride).toList());
    m.put("bottleneckRatios", info.stages().stream().map(ModelInfo.Stage::bottleneckRatio).toList());
    m.put("groupWidths", info.stages().stream().map(ModelInfo.Stage::groupWidth).toList());
    m.put("flops", info.flops());
    m.put("params", info.params());
    m.put("acts", info.acts());
    info.regNet().ifPresent(r -> {
      m.put("depth", r.depth());
      m.put("w0", r.w0());
      m.put("wa", r.wa());
      m.put("wm", r.wm());
    });
    return m;
  }
}
