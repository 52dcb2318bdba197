package dev.designspace.runtime.cli;

import dev.designspace.command.ExitCodes;
import dev.designspace.runtime.convtuning.FormulationChoice;
import dev.designspace.runtime.export.ExportRequest;
import dev.designspace.runtime.export.ExportResult;
import dev.designspace.runtime.export.ExportedEpoch;
import dev.designspace.runtime.export.SavedModelExport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code export}: a trained run as a SavedModel. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Exports a run directory's model as a TensorFlow SavedModel.",
      "Tag serve, signature serving_default: input 'images' float32 [-1,H,W,C] in raw 0-255 pixels"
          + " (normalised inside the graph), outputs 'logits' and 'probabilities'. No optimiser"
          + " state inside."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  designspace export runs/RegNetX-6MF --out models/regnetx-6mf",
      "  designspace export runs/RegNetX-6MF --epoch final --out models/regnetx-6mf-last"
    })
public final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Parameters(
      index = "0",
      paramLabel = "RUN_DIR",
      description = "A run directory written by train or sweep.")
  Path runDir;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Where to write the SavedModel.")
  Path out;

  @Option(
      names = "--conv-impl",
      paramLabel = "I",
      converter = OptionValues.FormulationChoices.class,
      description =
          "How the exported graph computes grouped convolutions: split (default: one dense"
              + " convolution per group, runs on every TensorFlow), grouped (TensorFlow's own; on a"
              + " CPU it needs oneDNN, see docs/training.md), depthwise or blockdiag. The weights"
              + " are the same whichever.")
  FormulationChoice convImpl = SavedModelExport.DEFAULT_CONV_IMPL;

  @Option(
      names = "--epoch",
      paramLabel = "E",
      converter = OptionValues.ExportedEpochs.class,
      description =
          "Whose weights to export: best (default: the epoch with the lowest test error, the error"
              + " result.json, the sweep and the report show), final (the last epoch), or an epoch"
              + " number the run kept (it keeps its last and its best).")
  ExportedEpoch epoch = ExportedEpoch.BEST;

  @Override
  public Integer call() {
    ExportResult result = SavedModelExport.export(new ExportRequest(runDir, out, convImpl, epoch));
    command.commandLine().getOut().println(result.summary());
    command.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
