package dev.designspace.generator.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.designspace.generator.complexity.Complexity;
import dev.designspace.generator.network.NetworkConfig;
import dev.designspace.generator.network.NetworkSettings;
import dev.designspace.generator.sampling.SampledModel;
import dev.designspace.model.ModelInfo;
import dev.designspace.model.ModelInfoJson;
import dev.designspace.model.Stage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model in {@code describe --json} and {@code sample --json}: the shape of {@link
 * ModelInfoJson#structure} for the built structure (after the compatibility adjustment for RegNets
 * and sampled AnyNets) plus, for RegNets, the block widths; samples add {@code sampleIndex}, {@code
 * seed} and the drawn values.
 */
public final class ModelJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelJson() {}

  /**
   * The {@link ModelInfo} a class generated for {@code network} carries (without sampling fields).
   */
  public static ModelInfo info(
      NetworkConfig network, Complexity cx, String designSpace, String spec) {
    NetworkSettings s = network.settings();
    ModelInfo.Builder b =
        ModelInfo.builder(network.name())
            .designSpace(designSpace)
            .spec(spec)
            .input(s.inputSize(), s.inputChannels())
            .classes(s.classes())
            .stem(s.stem().type(), s.stem().width())
            .block(s.block())
            .seRatio(s.seRatio())
            .headWidth(s.headWidth())
            .activation(s.activation());
    for (Stage st : network.stages()) {
      b.stage(st.depth(), st.width(), st.stride(), st.bottleneckRatio(), st.groupWidth());
    }
    network
        .regNet()
        .map(o -> o.params())
        .ifPresent(
            p ->
                b.regNet(
                    p.depth(), (int) p.w0(), p.wa(), p.wm(), p.groupWidth(), p.bottleneckRatio()));
    return b.complexity(cx.flops(), cx.params(), cx.acts()).build();
  }

  public static Map<String, Object> describe(
      NetworkConfig network, Complexity cx, String designSpace, String spec) {
    Map<String, Object> m = ModelInfoJson.structure(info(network, cx, designSpace, spec));
    network.regNet().ifPresent(origin -> m.put("blockWidths", origin.widths().blockWidths()));
    return m;
  }

  public static Map<String, Object> sampled(SampledModel model, String designSpace, String spec) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sampleIndex", model.sampleIndex());
    m.put("seed", model.seed());
    m.putAll(describe(model.network(), model.complexity(), designSpace, spec));
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
