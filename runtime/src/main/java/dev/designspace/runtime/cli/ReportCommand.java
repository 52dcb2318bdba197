package dev.designspace.runtime.cli;

import dev.designspace.command.ExitCodes;
import dev.designspace.runtime.report.ModelFilter;
import dev.designspace.runtime.report.ReportBuilder;
import dev.designspace.runtime.report.ReportTemplate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code report}: the EDF comparison report of one or more sweeps. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Writes one self-contained HTML report comparing sweeps.",
      "Error EDFs (n, min, mean; DKW bands) raw and normalised over one shared complexity range,"
          + " a verdict per pair (better, worse, different, as good as, no worse, no better or"
          + " undecided, with the shift of the errors, P(B beats A) and the difference in good"
          + " models, each with its 95%% interval), error against complexity"
          + " and against the sampled parameters with bootstrap good ranges, random search"
          + " efficiency, complexity power laws and the best models, each space in one colour"
          + " throughout. Every figure is also written as its own .svg file beside the report, with"
          + " models.csv, sweeps.json and edfs.json. Works on unfinished sweeps.",
      "Each sweep goes by its space's name; sweeps of one space are told apart by the training"
          + " settings they differ in, e.g. 'TinyRel (epochs 2)', or named by DIR=LABEL. The"
          + " settings of every sweep head the report, and where the sweeps of one space differ"
          + " in one numeric setting alone the report draws their error against it."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  designspace report runs/FmnistAnyNetXA runs/FmnistRegNetX \\",
      "      --out runs/report.html",
      "  designspace report runs/tiny-e1=short runs/tiny-e4=long --out runs/epochs.html",
      "  designspace report runs/FmnistRegNetX --template my-report.ftl --out runs/mine.html"
    })
public final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Parameters(
      arity = "1..*",
      paramLabel = "DIR[=LABEL]",
      description =
          "Sweep directories, each optionally with the label the report calls it by"
              + " (runs/a=baseline).")
  List<String> dirs;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Report file (default: DIR/report.html of the first sweep).")
  Path out;

  @Option(
      names = "--filter",
      paramLabel = "M=LOW:HIGH",
      description =
          "Only the models whose flops, params or acts lie in a range, either bound optional:"
              + " flops=5e6:10e6, acts=:200000.")
  String filter;

  @Option(
      names = "--split",
      paramLabel = "PARAM",
      description =
          "One EDF per value of a parameter within each sweep, compared as sweeps are: b"
              + " (bottleneck ratio), g (group width), d (depth), or a number of the models' config"
              + " (w0, wa, wm, ...).")
  String split;

  @Option(
      names = "--template",
      paramLabel = "FILE",
      description =
          "Render the HTML with your own FreeMarker template instead of the built-in one; it gets"
              + " the same data (docs/report-template.md), and the figures and data files beside"
              + " the report are the same.")
  Path template;

  @Mixin ComparisonOptions comparison;

  private static ModelFilter filter(String text) {
    return ModelFilter.parse(text);
  }

  @Override
  public Integer call() throws Exception {
    List<Path> paths = new ArrayList<>();
    Map<Integer, String> labels = new LinkedHashMap<>();
    for (String dir : dirs) {
      LabelledDirectory d = LabelledDirectory.parse(dir);
      d.label().ifPresent(label -> labels.put(paths.size(), label));
      paths.add(d.directory());
    }
    Path file = out != null ? out : paths.get(0).resolve(ReportBuilder.REPORT_HTML);
    ReportBuilder.Report report =
        ReportBuilder.build(
            paths,
            file,
            List.of(),
            comparison
                .reportOptions()
                .withLabels(labels)
                .withSelection(
                    Optional.ofNullable(filter).map(ReportCommand::filter),
                    Optional.ofNullable(split))
                .withTemplate(Optional.ofNullable(template).map(ReportTemplate::read)));
    PrintWriter stdout = command.commandLine().getOut();
    report.summary().forEach(stdout::println);
    stdout.println(report.file());
    stdout.flush();
    return ExitCodes.OK;
  }
}
