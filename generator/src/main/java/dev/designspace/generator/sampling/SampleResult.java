package dev.designspace.generator.sampling;

import java.util.List;

/** The accepted models, in sample order, and how sampling went. */
public record SampleResult(List<SampledModel> models, SamplingStats stats) {
  public SampleResult {
    models = List.copyOf(models);
  }
}
