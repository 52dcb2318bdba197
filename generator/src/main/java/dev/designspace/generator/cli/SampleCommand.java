package dev.designspace.generator.cli;

import dev.designspace.command.BadInputException;
import dev.designspace.command.ExitCodes;
import dev.designspace.generator.json.ModelJson;
import dev.designspace.generator.sampling.ModelSampler;
import dev.designspace.generator.sampling.SampleRequest;
import dev.designspace.generator.sampling.SampleResult;
import dev.designspace.generator.sampling.SampledModel;
import dev.designspace.generator.space.DesignSpace;
import dev.designspace.generator.text.SpecNumbers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sample}: draw distinct models from a design space under its constraints. */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = {
      "Samples N distinct models from a design space under its constraints, without writing code.",
      "The same seed gives the same models on any machine; the first k models of -n N equal those"
          + " of -n k."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  designspace sample specs/regnet-x.yaml -n 10 --seed 1",
      "  designspace sample specs/anynet-xe.yaml -n 3 --json"
    })
public final class SampleCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Parameters(index = "0", paramLabel = "SPEC", description = "A sampled design space (YAML).")
  Path specFile;

  @Option(
      names = {"-n", "--count"},
      paramLabel = "N",
      defaultValue = "10",
      description = "How many models (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "0",
      description = "The sampling seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print one JSON array, one object per model.")
  boolean json;

  @Option(
      names = "--max-candidates",
      paramLabel = "M",
      description = "Give up after M candidates (default: max(2,000,000, 100,000 x N)).")
  Long maxCandidates;

  @Override
  public Integer call() {
    if (count < 1) {
      throw new BadInputException("-n must be >= 1, got " + count);
    }
    if (maxCandidates != null && maxCandidates < count) {
      throw new BadInputException(
          "--max-candidates must be >= -n (" + count + "), got " + maxCandidates);
    }
    DesignSpace space = Specs.load(specFile);
    if (!space.isSampled()) {
      throw new BadInputException(
          specFile
              + " lists fixed models and has no 'sample' section;"
              + " use 'designspace describe "
              + specFile
              + "' to see them");
    }
    long budget = maxCandidates != null ? maxCandidates : SampleRequest.defaultBudget(count);
    SampleResult result = ModelSampler.sample(new SampleRequest(space, count, seed, budget));
    PrintWriter out = command.commandLine().getOut();
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (SampledModel m : result.models()) {
        rows.add(ModelJson.sampled(m, space.name(), specFile.toString()));
      }
      out.println(ModelJson.write(rows));
    } else {
      List<List<String>> rows = new ArrayList<>();
      rows.add(
          List.of(
              "name", "flops(M)", "params(M)", "acts(M)", "depths", "widths", "group widths", "b"));
      for (SampledModel m : result.models()) {
        var n = m.network();
        rows.add(
            List.of(
                m.name(),
                NetworkText.millions(m.complexity().flops()),
                NetworkText.millions(m.complexity().params()),
                NetworkText.millions(m.complexity().acts()),
                n.depths().toString(),
                n.widths().toString(),
                n.groupWidths().toString(),
                n.bottleneckRatios().stream().map(SpecNumbers::format).toList().toString()));
      }
      NetworkText.printTable(out, rows, 1, 3);
    }
    out.flush();
    PrintWriter err = command.commandLine().getErr();
    err.println(
        String.format(
            Locale.ROOT,
            "sampled %d models of %s from %,d candidates (%.3f%% accepted), seed %d",
            result.models().size(),
            space.name(),
            result.stats().candidates(),
            100 * result.stats().acceptanceRate(),
            seed));
    err.flush();
    return ExitCodes.OK;
  }
}
