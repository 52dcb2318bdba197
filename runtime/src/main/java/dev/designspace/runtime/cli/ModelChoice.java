package dev.designspace.runtime.cli;

import dev.designspace.command.BadInputException;
import dev.designspace.generator.emit.SourceGeneration;
import dev.designspace.generator.space.DesignSpace;
import dev.designspace.generator.spec.SpecLoader;
import dev.designspace.runtime.compile.ModelCompiler;
import dev.designspace.runtime.compile.SpecModels;
import dev.designspace.runtime.sweep.SweepDirectory;
import dev.designspace.runtime.sweep.SweepModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Picks the one model a command works on: a fixed model by name, sample {@code index} of a seed, or
 * a model of a prepared sweep.
 */
final class ModelChoice {
  private ModelChoice() {}

  /**
   * Model {@code model} (id or class name) of a prepared sweep, from the classes the sweep
   * compiled.
   */
  static SpecModels.Loaded fromSweep(Path dir, String model) {
    try {
      SweepDirectory sweep = SweepDirectory.open(dir);
      if (model == null || model.isEmpty()) {
        throw new BadInputException(
            dir
                + " is a sweep of "
                + sweep.models().size()
                + " models; pick one with --model ID"
                + " (ids are in "
                + dir.resolve(SourceGeneration.MANIFEST)
                + ")");
      }
      SweepModel chosen =
          sweep
              .model(model)
              .orElseThrow(
                  () ->
                      new BadInputException(
                          "no model '"
                              + model
                              + "' in the sweep "
                              + dir
                              + " (ids are in "
                              + dir.resolve(SourceGeneration.MANIFEST)
                              + ")"));
      String source = Files.readString(sweep.source(chosen));
      return new SpecModels.Loaded(
          ModelCompiler.load(sweep.classes(), chosen.qualifiedClass()),
          chosen.qualifiedClass(),
          source);
    } catch (IOException e) {
      throw new BadInputException("cannot read the sweep " + dir + ": " + e.getMessage());
    }
  }

  static SpecModels.Loaded choose(Path specFile, String model, int index, long seed) {
    DesignSpace space = SpecLoader.load(specFile);
    if (space.isSampled()) {
      if (model != null && !model.isEmpty()) {
        throw new BadInputException(
            specFile + " is a sampled space: pick a model with --seed S --index I, not --model");
      }
      SpecModels models = SpecModels.load(specFile, index + 1, seed);
      List<String> names = models.names();
      return models.loaded(names.get(names.size() - 1)).orElseThrow();
    }
    SpecModels models = SpecModels.load(specFile, 1, 0);
    List<String> names = models.names();
    if (model == null) {
      if (names.size() == 1) {
        return models.loaded(names.get(0)).orElseThrow();
      }
      throw new BadInputException(
          specFile
              + " has "
              + names.size()
              + " models; pick one with --model: "
              + String.join(", ", names));
    }
    return models
        .loaded(model)
        .orElseThrow(
            () ->
                new BadInputException(
                    "no model '"
                        + model
                        + "' in "
                        + specFile
                        + "; it has "
                        + String.join(", ", names)));
  }
}
