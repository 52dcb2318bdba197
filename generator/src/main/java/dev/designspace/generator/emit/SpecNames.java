package dev.designspace.generator.emit;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How generated sources name their spec (file comment, Javadoc, {@code @Generated}, {@code
 * ModelInfo.spec()} and the manifest). The front end decides: a build tool names it relative to the
 * project, so two clones in different folders generate the same bytes; a command line names it as
 * typed. Separators are '/' on every OS, so Windows and Unix builds agree too.
 */
public final class SpecNames {
  private SpecNames() {}

  /** The path as named on a command line, with '/' separators: what {@code gen} records. */
  public static String asGiven(Path spec) {
    return withSlashes(spec);
  }

  /**
   * The path relative to {@code baseDir}, with {@code ../} when the spec lies outside it and '/'
   * separators: what the Maven plugin records, as protoc and JavaPoet-based plugins do. A spec on
   * another root than {@code baseDir} (another drive on Windows) has no relative path and goes by
   * its file name, never by an absolute path.
   */
  public static String relativeTo(Path baseDir, Path spec) {
    Path base = baseDir.toAbsolutePath().normalize();
    Path file = spec.toAbsolutePath().normalize();
    if (!Objects.equals(base.getRoot(), file.getRoot())) {
      return withSlashes(file.getFileName());
    }
    return withSlashes(base.relativize(file));
  }

  private static String withSlashes(Path path) {
    String separator = path.getFileSystem().getSeparator();
    String text = path.toString();
    // on Unix a backslash is an ordinary file-name character and stays
    return separator.equals("/") ? text : text.replace(separator, "/");
  }
}
