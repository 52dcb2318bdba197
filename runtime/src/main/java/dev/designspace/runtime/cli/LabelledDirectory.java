package dev.designspace.runtime.cli;

import dev.designspace.command.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A sweep directory as {@code report} takes it: {@code DIR} or {@code DIR=LABEL}. An argument that
 * names an existing directory as a whole is that directory, '=' and all; otherwise the directory
 * ends at the last '=' before which an existing directory is named, or else at the first '='.
 */
record LabelledDirectory(Path directory, Optional<String> label) {
  static LabelledDirectory parse(String argument) {
    int eq = argument.indexOf('=');
    if (eq < 0 || Files.isDirectory(Path.of(argument))) {
      return new LabelledDirectory(Path.of(argument), Optional.empty());
    }
    for (int at = argument.lastIndexOf('='); at > 0; at = argument.lastIndexOf('=', at - 1)) {
      if (Files.isDirectory(Path.of(argument.substring(0, at)))) {
        eq = at;
        break;
      }
    }
    String label = argument.substring(eq + 1).strip();
    if (eq == 0 || label.isEmpty()) {
      throw new BadInputException(
          "'" + argument + "' is not DIR=LABEL: both the directory and the label are needed");
    }
    return new LabelledDirectory(Path.of(argument.substring(0, eq)), Optional.of(label));
  }
}
