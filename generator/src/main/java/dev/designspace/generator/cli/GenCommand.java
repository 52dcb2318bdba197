package dev.designspace.generator.cli;

import dev.designspace.command.BadInputException;
import dev.designspace.command.ExitCodes;
import dev.designspace.generator.emit.GenerationRequest;
import dev.designspace.generator.emit.GenerationResult;
import dev.designspace.generator.emit.SourceGeneration;
import dev.designspace.generator.emit.SpecNames;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gen}: Java sources that build each model as a TensorFlow graph, plus manifest.json. */
@Command(
    name = "gen",
    mixinStandardHelpOptions = true,
    description = {
      "Writes one Java class per model and manifest.json.",
      "The models are the fixed models of a spec, or -n models sampled with --seed from a design"
          + " space. Each class implements dev.designspace.layers.Network and lays the model"
          + " out block by block. Identical inputs give identical bytes; unchanged files are not"
          + " rewritten."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  designspace gen specs/zoo-regnetx.yaml --out src/generated/java",
      "  designspace gen specs/anynet-xa.yaml -n 50 --seed 1 \\",
      "      --package com.example.models"
    })
public final class GenCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Parameters(
      arity = "1..*",
      paramLabel = "SPEC",
      description =
          "Spec files (YAML). The sources name each spec as given here: name it relative"
              + " (specs/x.yaml) for sources that do not depend on the folder.")
  List<Path> specs;

  @Option(
      names = {"-n", "--count"},
      paramLabel = "N",
      defaultValue = "10",
      description = "Models per sampled space (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "0",
      description = "Sampling seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--package",
      paramLabel = "P",
      defaultValue = GenerationRequest.DEFAULT_PACKAGE,
      description = "Package of the generated classes (default: ${DEFAULT-VALUE}).")
  String packageName;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "generated-sources",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() {
    if (count < 1) {
      throw new BadInputException("-n must be >= 1, got " + count);
    }
    specs.forEach(Specs::load); // missing files and spec errors first, as bad input
    // as typed, never made absolute: the same command in another clone writes the same bytes
    List<String> specNames = specs.stream().map(SpecNames::asGiven).toList();
    GenerationRequest request =
        new GenerationRequest(specs, specNames, count, seed, packageName, out);
    GenerationResult result = SourceGeneration.generate(request);
    PrintWriter stdout = command.commandLine().getOut();
    for (var model : result.models()) {
      stdout.println(request.packageName() + "." + model.className());
    }
    stdout.flush();
    PrintWriter err = command.commandLine().getErr();
    err.printf(
        "generated %d models into %s (%d files written, %d unchanged, %d removed)%n",
        result.models().size(),
        out,
        result.written().size(),
        result.unchanged().size(),
        result.removed().size());
    err.flush();
    return ExitCodes.OK;
  }
}
