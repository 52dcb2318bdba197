package dev.designspace.runtime.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line protocol between a sweep and a persistent worker process. The sweep writes one job per
 * line to the worker's stdin: the arguments of {@code designspace train} as a JSON array of
 * strings. The worker's stdout and stderr are one stream, the output of the model in flight, ended
 * by one {@link End} line per job.
 */
public final class WorkerJobs {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String END_PREFIX = "@designspace-worker job-end ";
  private static final Pattern END =
      Pattern.compile(
          Pattern.quote(END_PREFIX) + "exit=(-?\\d+) pid=(\\d+) jobs=(\\d+) vmrss-kb=(-?\\d+)");

  private WorkerJobs() {}

  /** The job line for these {@code train} arguments. */
  public static String jobLine(List<String> trainArguments) {
    try {
      return JSON.writeValueAsString(trainArguments);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings always serialises", e);
    }
  }

  /** The {@code train} arguments of a job line. */
  public static List<String> parseJob(String line) {
    try {
      return List.copyOf(JSON.readValue(line, new TypeReference<List<String>>() {}));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "a worker job is a JSON array of strings, got '" + line + "'", e);
    }
  }

  /**
   * A job ended in the worker.
   *
   * @param exitCode what {@code designspace train} with the job's arguments would have exited with
   * @param pid the worker process
   * @param jobs how many jobs this worker has run, this one included
   * @param residentKb the worker's resident set (VmRSS) after the job, -1 where unknown
   */
  public record End(int exitCode, long pid, int jobs, long residentKb) {
    public String line() {
      return END_PREFIX
          + "exit="
          + exitCode
          + " pid="
          + pid
          + " jobs="
          + jobs
          + " vmrss-kb="
          + residentKb;
    }

    /** The end a worker wrote, if this output line is one. */
    public static Optional<End> parse(String line) {
      Matcher m = END.matcher(line);
      if (!m.matches()) {
        return Optional.empty();
      }
      return Optional.of(
          new End(
              Integer.parseInt(m.group(1)),
              Long.parseLong(m.group(2)),
              Integer.parseInt(m.group(3)),
              Long.parseLong(m.group(4))));
    }
  }
}
