package dev.designspace.runtime.cli;

import dev.designspace.command.ExitCodes;
import dev.designspace.runtime.data.Dataset;
import dev.designspace.runtime.data.Datasets;
import dev.designspace.runtime.export.SavedModelPredictor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code predict}: run a SavedModel on a dataset's test split and print its accuracy. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = {"Loads a SavedModel and prints its top-1 accuracy on a dataset's test images."},
    footerHeading = "%nExamples:%n",
    footer = {"  designspace predict models/regnetx-6mf --dataset fashion-mnist --limit 1000"})
public final class PredictCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Parameters(
      index = "0",
      paramLabel = "SAVED_MODEL",
      description = "A SavedModel directory from export.")
  Path savedModel;

  @Option(
      names = "--dataset",
      paramLabel = "D",
      defaultValue = Datasets.DEFAULT,
      description =
          "The data whose test images are predicted, as train takes it (default:"
              + " ${DEFAULT-VALUE}).")
  String dataset;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "0",
      description = "Only the first N test images (default: all).")
  int limit;

  @Override
  public Integer call() {
    PrintWriter err = command.commandLine().getErr();
    try (SavedModelPredictor predictor = SavedModelPredictor.load(savedModel)) {
      Dataset data =
          Datasets.load(
              dataset,
              predictor.inputSize(),
              predictor.inputChannels(),
              predictor.classes(),
              line -> {
                err.println(line);
                err.flush();
              });
      int n = limit > 0 ? Math.min(limit, data.test().count()) : data.test().count();
      float[][] logits = predictor.logits(data.test(), n, 500);
      int correct = 0;
      for (int i = 0; i < n; i++) {
        correct +=
            dev.designspace.runtime.train.Trainer.rank(logits[i], data.test().labels()[i]) == 0
                ? 1
                : 0;
      }
      PrintWriter out = command.commandLine().getOut();
      out.println(
          String.format(
              Locale.ROOT,
              "accuracy %.2f%% (%d of %d %s test images), top-1 error %.2f%%",
              100.0 * correct / n,
              correct,
              n,
              data.name(),
              100.0 - 100.0 * correct / n));
      out.flush();
    }
    return ExitCodes.OK;
  }
}
