package dev.designspace.runtime.cli;

import dev.designspace.command.BadInputException;
import dev.designspace.command.ExitCodes;
import dev.designspace.layers.LayerOptions;
import dev.designspace.layers.LayerRecord;
import dev.designspace.layers.Mode;
import dev.designspace.layers.ModelGraph;
import dev.designspace.layers.Network;
import dev.designspace.model.ModelInfo;
import dev.designspace.runtime.compile.SpecModels;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code summary}: build a model's TensorFlow graph and print a Keras-style layer table. */
@Command(
    name = "summary",
    mixinStandardHelpOptions = true,
    description = {
      "Builds each model's TensorFlow graph and prints a per-layer table.",
      "Generates and compiles each model, builds its graph in inference mode and prints a table"
          + " like Keras's model.summary(): layer, output shape, parameters. Trainable parameters"
          + " are counted from the graph's variables; the analytic flops, params and acts of the"
          + " complexity code are printed beside them."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  designspace summary specs/zoo-regnetx.yaml --model RegNetX-200MF",
      "  designspace summary specs/fmnist-regnet-x.yaml -n 2 --seed 1"
    })
public final class SummaryCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Parameters(index = "0", paramLabel = "SPEC", description = "A spec file (YAML).")
  Path specFile;

  @Option(names = "--model", paramLabel = "NAME", description = "Only this model (default: all).")
  String model;

  @Option(
      names = {"-n", "--count"},
      paramLabel = "N",
      defaultValue = "1",
      description = "Sampled spaces: how many models (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "0",
      description = "Sampled spaces: the sampling seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(specFile)) {
      throw new BadInputException("spec file not found: " + specFile);
    }
    if (count < 1) {
      throw new BadInputException("-n must be >= 1, got " + count);
    }
    SpecModels models = SpecModels.load(specFile, count, seed);
    List<Network> chosen =
        model == null
            ? models.all()
            : List.of(
                models
                    .byName(model)
                    .orElseThrow(
                        () ->
                            new BadInputException(
                                "no model '"
                                    + model
                                    + "' in "
                                    + specFile
                                    + "; it has "
                                    + String.join(", ", models.names()))));
    PrintWriter out = command.commandLine().getOut();
    for (Network network : chosen) {
      try (ModelGraph graph = ModelGraph.build(network, Mode.INFERENCE, LayerOptions.DEFAULTS)) {
        print(out, network.info(), graph);
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void print(PrintWriter out, ModelInfo info, ModelGraph graph) {
    List<LayerRecord> records = graph.layers().records();
    int nameWidth =
        Math.max(
            28,
            records.stream()
                .mapToInt(r -> r.name().length() + r.type().length() + 3)
                .max()
                .orElse(0));
    String rule = "-".repeat(nameWidth + 2 + 22 + 2 + 12);
    out.println("Model: \"" + info.name() + "\"");
    out.println("=".repeat(rule.length()));
    out.println(
        String.format(
            Locale.ROOT,
            "%-" + nameWidth + "s  %-22s  %12s",
            "Layer (type)",
            "Output Shape",
            "Param #"));
    out.println("=".repeat(rule.length()));
    out.println(
        String.format(
            Locale.ROOT,
            "%-" + nameWidth + "s  %-22s  %12s",
            "images (InputLayer)",
            "(None, "
                + info.inputSize()
                + ", "
                + info.inputSize()
                + ", "
                + info.inputChannels()
                + ")",
            "0"));
    for (LayerRecord r : records) {
      out.println(
          String.format(
              Locale.ROOT,
              "%-" + nameWidth + "s  %-22s  %,12d",
              r.name() + " (" + r.type() + ")",
              r.outputShape(),
              r.params()));
    }
    long trainable = ModelGraph.trainableParameters(graph.graph());
    long nonTrainable = ModelGraph.nonTrainableParameters(graph.graph());
    out.println("=".repeat(rule.length()));
    out.println(String.format(Locale.ROOT, "Total params: %,d", trainable + nonTrainable));
    out.println(String.format(Locale.ROOT, "Trainable params: %,d", trainable));
    out.println(
        String.format(
            Locale.ROOT, "Non-trainable params: %,d (BN moving statistics)", nonTrainable));
    out.println(rule);
    out.println(
        String.format(
            Locale.ROOT,
            "Analytic (pycls counting): flops %,d (multiply-adds), params %,d%s, acts %,d",
            info.flops(),
            info.params(),
            info.params() == trainable ? "" : " (DIFFERS from the graph)",
            info.acts()));
    out.println();
  }
}
