package dev.designspace.generator.cli;

import dev.designspace.command.BadInputException;
import dev.designspace.generator.space.DesignSpace;
import dev.designspace.generator.spec.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loading a spec named on the command line. */
final class Specs {
  private Specs() {}

  static DesignSpace load(Path file) {
    if (!Files.exists(file)) {
      throw new BadInputException("spec file not found: " + file);
    }
    if (Files.isDirectory(file)) {
      throw new BadInputException("expected a spec file, got a directory: " + file);
    }
    return SpecLoader.load(file);
  }
}
