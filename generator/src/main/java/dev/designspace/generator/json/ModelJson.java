package dev.designspace.generator.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.designspace.generator.complexity.Complexity;
import dev.designspace.generator.network.NetworkConfig;
import dev.designspace.generator.network.NetworkSettings;
import dev.designspace.generator.network.RegNetParams;
import dev.designspace.generator.sampling.SampledModel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON shape of a model in {@code describe --json}, {@code sample --json} and manifests:
 * the built structure (after the compatibility adjustment for RegNets and sampled AnyNets) plus
 * complexity; RegNets add their parameters, samples add {@code sampleIndex}, {@code seed} and the
 * drawn values.
 */
public final class ModelJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelJson() {}

  public static Map<String, Object> describe(NetworkConfig network, Complexity cx) {
    NetworkSettings s = network.settings();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", network.name());
    m.put("stem", s.stem().type().specName());
    m.put("stemWidth", s.stem().width());
    m.put("block", s.block().specName());
    m.put("seRatio", s.seRatio());
    m.put("headWidth", s.headWidth());
    m.put("activation", s.activation().specName());
    m.put("inputSize", s.inputSize());
    m.put("inputChannels", s.inputChannels());
    m.put("classes", s.classes());
    m.put("depths", network.depths());
    m.put("widths", network.widths());
    m.put("strides", network.strides());
    m.put("bottleneckRatios", network.bottleneckRatios());
    m.put("groupWidths", network.groupWidths());
    m.put("flops", cx.flops());
    m.put("params", cx.params());
    m.put("acts", cx.acts());
    network.regNet().ifPresent(origin -> {
      RegNetParams p = origin.params();
      m.put("depth", p.depth());
      m.put("w0", (int) p.w0());
      m.put("wa", p.wa());
      m.put("wm", p.wm());
      m.put("blockWidths", origin.widths().blockWidths());
    });
    return m;
  }

  public static Map<String, Object> sampled(SampledModel model) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sampleIndex", model.sampleIndex());
    m.put("seed", model.seed());
    m.putAll(describe(model.network(), model.complexity()));
    m.put("sampled", model.parameters());
    return m;
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
