package dev.designspace.runtime.report;

import dev.designspace.runtime.analysis.ProgressionStep;
import dev.designspace.runtime.slurm.ShellWords;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds {@code report.html} for one or more sweep directories, with each figure as its own SVG,
 * {@code models.csv}, {@code sweeps.json} and {@code edfs.json} beside it, and a short text
 * summary: loads the sweeps, analyses them ({@link ReportAnalysis}), draws the figures ({@link
 * ReportFigures}), lays out the template model ({@link ReportView}), renders it with the built-in
 * template or the user's ({@link ReportTemplate}) and writes ({@link ReportFiles}).
 */
public final class ReportBuilder {
  /** The name of a report in a sweep directory. */
  public static final String REPORT_HTML = "report.html";

  private ReportBuilder() {}

  /**
   * The report written, its summary lines, the best model of all sweeps, the progression as
   * measured, and the figures written beside it.
   */
  public record Report(
      Path file,
      List<String> summary,
      String bestModel,
      List<ProgressionStep.Outcome> steps,
      List<Path> figures) {
    public Report {
      summary = List.copyOf(summary);
      steps = List.copyOf(steps);
      figures = List.copyOf(figures);
    }
  }

  public static Report build(List<Path> sweepDirs, Path out) throws IOException {
    return build(sweepDirs, out, List.of());
  }

  /**
   * The report of one sweep, written into its directory as {@code report.html}, as {@code sweep}
   * does when its models are done.
   */
  public static Report buildInSweep(Path sweepDir) throws IOException {
    return build(List.of(sweepDir), sweepDir.resolve(REPORT_HTML));
  }

  /**
   * {@link #buildInSweep(Path)} for a sweep that just ended: a report that cannot be made is a
   * warning line, never the sweep's failure, since its results are safe on disk either way.
   */
  public static Optional<Path> buildInSweep(Path sweepDir, Consumer<String> warnings) {
    try {
      return Optional.of(buildInSweep(sweepDir).file());
    } catch (ReportException | IOException e) {
      warnings.accept(
          "warning: could not write the report in "
              + sweepDir
              + ": "
              + e.getMessage()
              + "; designspace report "
              + ShellWords.word(sweepDir.toString())
              + " tries again");
      return Optional.empty();
    }
  }

  /**
   * The report of {@code sweepDirs}; {@code steps} name pairs of them (by space name) to set
   * against what the paper found, in a section of their own and at the top of the summary.
   */
  public static Report build(List<Path> sweepDirs, Path out, List<ProgressionStep> steps)
      throws IOException {
    return build(sweepDirs, out, steps, ReportOptions.DEFAULTS);
  }

  /** The report of {@code sweepDirs}, compared as {@code options} say. */
  public static Report build(
      List<Path> sweepDirs, Path out, List<ProgressionStep> steps, ReportOptions options)
      throws IOException {
    if (sweepDirs.isEmpty()) {
      throw new ReportException("name at least one sweep directory");
    }
    List<SweepData> loaded = new ArrayList<>();
    for (Path d : sweepDirs) {
      loaded.add(SweepData.load(d));
    }
    List<String> labels = SweepLabels.of(loaded, options.labels());
    List<SweepData> sweeps = new ArrayList<>();
    List<String> notes = new ArrayList<>(options.notes());
    boolean splitAny = false;
    for (int i = 0; i < loaded.size(); i++) {
      SweepData s = loaded.get(i).withLabel(labels.get(i));
      if (options.filter().isPresent()) {
        ModelFilter f = options.filter().get();
        SweepData kept = s.subset(s.all().stream().filter(f::keeps).toList(), s.label());
        if (kept.done().isEmpty()) {
          throw new ReportException(
              "no finished model of " + s.label() + " has " + f.words() + "; widen --filter");
        }
        notes.add(
            String.format(
                java.util.Locale.ROOT,
                "%s: only the models with %s, %d of %d",
                s.label(),
                f.words(),
                kept.all().size(),
                s.all().size()));
        s = kept;
      }
      if (options.split().isPresent()) {
        String param = options.split().get();
        if (s.all().stream().anyMatch(r -> SweepSplit.value(r, param).isPresent())) {
          sweeps.addAll(SweepSplit.of(s, param));
          splitAny = true;
        } else { // another kind of space in the same report: whole, and said so
          notes.add(s.label() + ": no model has '" + param + "', so it is not split");
          sweeps.add(s);
        }
      } else {
        sweeps.add(s);
      }
    }
    if (options.split().isPresent() && !splitAny) {
      throw new ReportException(
          "no model of any sweep has a parameter '"
              + options.split().get()
              + "' to split by; use b, g, d or a number of the models' config (w0, wa, wm, ...)");
    }
    options = options.withSequential(notes, options.decided());
    ReportAnalysis analysis = ReportAnalysis.of(sweeps, steps, options);
    ReportFigures figures = ReportFigures.draw(analysis);
    Path dir = out.toAbsolutePath().getParent();
    ReportTemplate template = options.template().orElseGet(ReportTemplate::builtIn);
    String page = template.render(ReportView.of(analysis, figures, dir));
    List<Path> written = ReportFiles.write(out, page, figures.all(), sweeps, EdfData.of(analysis));
    return new Report(out, analysis.summary(), analysis.bestModel(), analysis.outcomes(), written);
  }
}
