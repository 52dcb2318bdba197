package dev.designspace.generator.cli;

import dev.designspace.command.BadInputException;
import dev.designspace.command.ExitCodes;
import dev.designspace.generator.fit.RegNetFit;
import dev.designspace.generator.fit.RegNetFitResult;
import dev.designspace.generator.json.ModelJson;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fit}: the quantised linear RegNet parameters closest to given per-block widths. */
@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    description = {
      "Fits RegNet parameters (w0, wa, wm) to per-block widths (paper section 4).",
      "A grid search, then local refinement, minimising e_fit: the mean absolute log-ratio of the "
          + "quantised fitted widths to the given ones."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  designspace fit --widths 24,56,152,152,152,152,368,368,368,368,368,368,368",
      "  designspace fit --widths 32,64,64,160,160,160 --json"
    })
public final class FitCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Option(
      names = "--widths",
      required = true,
      split = ",",
      paramLabel = "W1,W2,...",
      description = "Output width of every block, in order.")
  List<Integer> widths;

  @Option(names = "--json", description = "Print the fit as a JSON object.")
  boolean json;

  @Override
  public Integer call() {
    for (int w : widths) {
      if (w < 1) {
        throw new BadInputException("--widths must all be >= 1, got " + w);
      }
    }
    RegNetFitResult fit = RegNetFit.fit(widths);
    PrintWriter out = command.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("depth", fit.depth());
      m.put("w0", fit.w0());
      m.put("wa", fit.wa());
      m.put("wm", fit.wm());
      m.put("eFit", fit.eFit());
      m.put("widths", widths);
      m.put("fittedWidths", fit.fittedWidths());
      out.println(ModelJson.write(m));
    } else {
      out.println(
          String.format(
              Locale.ROOT,
              "depth  %d%nw0     %d%nwa     %.4f%nwm     %.4f%ne_fit  %.4f",
              fit.depth(),
              fit.w0(),
              fit.wa(),
              fit.wm(),
              fit.eFit()));
      out.println("given  " + join(widths));
      out.println("fitted " + join(fit.fittedWidths()));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static String join(List<Integer> xs) {
    return String.join(",", xs.stream().map(String::valueOf).toList());
  }
}
