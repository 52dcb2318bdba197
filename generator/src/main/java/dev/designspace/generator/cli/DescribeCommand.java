package dev.designspace.generator.cli;

import dev.designspace.command.BadInputException;
import dev.designspace.command.ExitCodes;
import dev.designspace.generator.complexity.Complexity;
import dev.designspace.generator.complexity.ComplexityCounter;
import dev.designspace.generator.json.ModelJson;
import dev.designspace.generator.network.NetworkConfig;
import dev.designspace.generator.sampling.ModelSampler;
import dev.designspace.generator.sampling.SampleRequest;
import dev.designspace.generator.sampling.SampledModel;
import dev.designspace.generator.space.DesignSpace;
import dev.designspace.generator.spec.SpecLimits;
import dev.designspace.model.Stage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code describe}: the structure and exact complexity of each model of a spec. */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    description = {
      "Prints each model's structure and its exact flops, params and acts.",
      "Flops are multiply-adds, counted as pycls counts them. Fixed-model specs describe every"
          + " model; sampled spaces describe -n models drawn with --seed."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  designspace describe specs/zoo-regnetx.yaml",
      "  designspace describe specs/zoo-regnety.yaml --json",
      "  designspace describe specs/zoo-regnetx.yaml --input-size 32 --classes 10",
      "  designspace describe specs/anynet-xa.yaml -n 3 --seed 7"
    })
public final class DescribeCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Parameters(index = "0", paramLabel = "SPEC", description = "A spec file (YAML).")
  Path specFile;

  @Option(names = "--json", description = "Print one JSON array, one object per model.")
  boolean json;

  @Option(
      names = "--input-size",
      paramLabel = "S",
      description = "Count at this input resolution instead of the spec's.")
  Integer inputSize;

  @Option(
      names = "--classes",
      paramLabel = "C",
      description = "Count with this many classes instead of the spec's.")
  Integer classes;

  @Option(
      names = {"-n", "--count"},
      paramLabel = "N",
      defaultValue = "5",
      description = "Sampled spaces: how many models to describe (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "0",
      description = "Sampled spaces: the sampling seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    requireWithin("--input-size", inputSize, SpecLimits.INPUT_SIZE);
    requireWithin("--classes", classes, SpecLimits.CLASSES);
    if (count < 1) {
      throw new BadInputException("-n must be >= 1, got " + count);
    }
    DesignSpace space = Specs.load(specFile);
    List<NetworkConfig> networks = new ArrayList<>();
    if (space.isSampled()) {
      for (SampledModel m : ModelSampler.sample(SampleRequest.of(space, count, seed)).models()) {
        networks.add(m.network());
      }
    } else {
      networks.addAll(space.models());
    }
    PrintWriter out = command.commandLine().getOut();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (NetworkConfig network : networks) {
      NetworkConfig n = override(network);
      Complexity cx = count(n);
      if (json) {
        rows.add(ModelJson.describe(n, cx, space.name(), specFile.toString()));
      } else {
        out.println(NetworkText.render(n, cx));
      }
    }
    if (json) {
      out.println(ModelJson.write(rows));
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** The overrides obey the limits a spec's own values do (docs/specs.md, "Limits"). */
  private static void requireWithin(String option, Integer value, SpecLimits.IntRange range) {
    if (value != null && !range.contains(value)) {
      throw new BadInputException(
          option + " must be in " + range + " (" + range.why() + "), got " + value);
    }
  }

  private Complexity count(NetworkConfig n) {
    try {
      return ComplexityCounter.count(n);
    } catch (ArithmeticException e) {
      throw new BadInputException(
          specFile
              + ": model "
              + n.name()
              + " at input size "
              + n.settings().inputSize()
              + " has more flops, params or acts than a 64-bit count holds; lower --input-size"
              + " or the model's depths and widths");
    }
  }

  private NetworkConfig override(NetworkConfig n) {
    if (inputSize == null && classes == null) {
      return n;
    }
    var s =
        n.settings()
            .withInput(
                inputSize == null ? n.settings().inputSize() : inputSize,
                classes == null ? n.settings().classes() : classes);
    List<Stage> stages = n.stages();
    return new NetworkConfig(n.name(), s, stages, n.regNet());
  }
}
