package dev.designspace.runtime.slurm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.designspace.runtime.sweep.SweepModel;
import freemarker.core.TemplateMarkupOutputModel;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateModelException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The sbatch array script of a sweep, from the template {@code slurm-sweep.sbatch.ftl} (the
 * repository's {@code templates/}, on the classpath at {@code dev/designspace/templates/}). Values
 * reach the script body only as single-quoted words (the template's output format); the #SBATCH
 * directives are built here from validated options, because sbatch parses them itself.
 *
 * @param spaceName the design space (the job name is made of it)
 * @param sweep the sweep directory, absolute
 * @param models every model of the sweep (task I trains the model at position I)
 * @param tasks the positions to run
 * @param workerCommand java, its options and the main class, as {@code LocalSweep.workerCommand()}
 * @param trainArguments options passed to every task's {@code train}
 */
record SbatchScript(
    String spaceName,
    Path sweep,
    List<SweepModel> models,
    List<Integer> tasks,
    SlurmOptions options,
    List<String> workerCommand,
    List<String> trainArguments) {
  static final String TEMPLATE = "slurm-sweep.sbatch.ftl";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Where each task's output goes, relative to the sweep directory (the job's working directory).
   */
  static final String LOG_PATTERN = "slurm/logs/task-%a.log";

  // what sbatch takes verbatim inside a double-quoted directive value ('%' would be a filename
  // pattern)
  private static final Pattern DIRECTIVE_SAFE = Pattern.compile("[^\"\\\\%\\p{Cntrl}]+");

  SbatchScript {
    Objects.requireNonNull(spaceName, "spaceName");
    Objects.requireNonNull(options, "options");
    models = List.copyOf(models);
    tasks = List.copyOf(tasks);
    workerCommand = List.copyOf(workerCommand);
    trainArguments = List.copyOf(trainArguments);
    if (!sweep.isAbsolute()) {
      throw new IllegalArgumentException("the sweep directory must be absolute: " + sweep);
    }
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("an array job needs at least one task");
    }
    int cp = workerCommand.indexOf("-cp");
    if (cp < 1 || cp != workerCommand.size() - 3) {
      throw new IllegalArgumentException(
          "the worker command must be: java [JVM options] -cp CLASSPATH MAIN, got "
              + workerCommand);
    }
  }

  String render() {
    Configuration config = new Configuration(Configuration.VERSION_2_3_34);
    config.setClassForTemplateLoading(SbatchScript.class, "/dev/designspace/templates");
    config.setRegisteredCustomOutputFormats(List.of(ShellOutputFormat.INSTANCE));
    config.setInterpolationSyntax(
        Configuration.SQUARE_BRACKET_INTERPOLATION_SYNTAX); // bash owns ${...}
    config.setDefaultEncoding("UTF-8");
    config.setLocale(Locale.ROOT);
    config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    config.setLogTemplateExceptions(false);
    config.setFallbackOnNullLoopVariable(false);
    try {
      Template template = config.getTemplate(TEMPLATE);
      StringWriter out = new StringWriter();
      template.process(data(), out);
      return out.toString();
    } catch (IOException | TemplateException e) {
      throw new IllegalStateException(
          "the sbatch template " + TEMPLATE + " failed: " + e.getMessage(), e);
    }
  }

  private Map<String, Object> data() throws TemplateModelException {
    Map<String, Object> data = new LinkedHashMap<>();
    List<TemplateMarkupOutputModel<?>> directives = new ArrayList<>();
    for (String directive : directives()) {
      directives.add(ShellOutputFormat.INSTANCE.fromMarkup(directive));
    }
    data.put("directives", directives);
    data.put("sweep", sweep.toString());
    int cp = workerCommand.indexOf("-cp");
    data.put("java", workerCommand.get(0));
    data.put("javaOptions", workerCommand.subList(1, cp));
    data.put("classpath", workerCommand.get(cp + 1));
    data.put("mainClass", workerCommand.get(cp + 2));
    data.put("cpus", options.cpusPerTask());
    data.put("trainArguments", trainArguments);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (SweepModel m : models) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("position", m.position());
      row.put("id", m.id());
      row.put("nameJson", quotedJson(m.name()));
      row.put("flops", m.flops());
      row.put("params", m.params());
      row.put("acts", m.acts());
      rows.add(row);
    }
    data.put("models", rows);
    return data;
  }

  /**
   * The name as a JSON string literal, quotes included, for the failure record the script may
   * write.
   */
  private static String quotedJson(String value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a string is always JSON", e);
    }
  }

  /** The #SBATCH lines, without the prefix. */
  List<String> directives() {
    List<String> d = new ArrayList<>();
    d.add("--job-name=" + jobName(spaceName));
    d.add("--array=" + arraySpec());
    d.add("--ntasks=1"); // one process per model; Slurm 23.11+ also wants it beside --gpus-per-task
    d.add("--output=" + LOG_PATTERN);
    d.add("--open-mode=append");
    d.add("--requeue");
    d.add("--cpus-per-task=" + options.cpusPerTask());
    if (options.partition() != null) {
      d.add("--partition=" + options.partition());
    }
    if (options.timeLimitMinutes() != null) {
      d.add("--time=" + options.timeLimitMinutes());
    }
    if (options.gpusPerTask() > 0) {
      d.add("--gpus-per-task=" + options.gpusPerTask());
    }
    // lets `sbatch slurm/sweep.sbatch` work from anywhere; the launcher also passes --chdir itself
    if (DIRECTIVE_SAFE.matcher(sweep.toString()).matches()) {
      d.add("--chdir=\"" + sweep + "\"");
    }
    return d;
  }

  /** The array's task list with its throttle, as in {@code --array=}: "0-3,7%2". */
  String arraySpec() {
    return arrayRanges(tasks) + (options.maxParallel() == null ? "" : "%" + options.maxParallel());
  }

  /** "ds-" and the space name, with anything but letters, digits, '_', '.' and '-' replaced. */
  static String jobName(String spaceName) {
    String name = "ds-" + spaceName.replaceAll("[^A-Za-z0-9_.-]", "_");
    return name.length() > 64 ? name.substring(0, 64) : name;
  }

  /** Slurm's array syntax, consecutive positions as ranges: [0, 1, 2, 5, 7, 8] -> "0-2,5,7-8". */
  static String arrayRanges(List<Integer> positions) {
    List<Integer> sorted = positions.stream().sorted().distinct().toList();
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < sorted.size()) {
      int j = i;
      while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
        j++;
      }
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(sorted.get(i));
      if (j > i) {
        sb.append('-').append(sorted.get(j));
      }
      i = j + 1;
    }
    return sb.toString();
  }
}
