package dev.designspace.runtime.slurm;

import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;
import java.io.IOException;
import java.io.Writer;

/**
 * Freemarker output format "shell": every {@code [=value]} in a script template is written as a
 * single-quoted bash word, so a template cannot interpolate anything unquoted by mistake. Text that
 * is already shell syntax (the #SBATCH directives, validated in Java) is passed as markup.
 */
final class ShellOutputFormat extends CommonMarkupOutputFormat<ShellOutputFormat.Script> {
  static final ShellOutputFormat INSTANCE = new ShellOutputFormat();

  private ShellOutputFormat() {}

  @Override
  public String getName() {
    return "shell";
  }

  @Override
  public String getMimeType() {
    return "application/x-sh";
  }

  @Override
  public void output(String textToEscape, Writer out) throws IOException {
    out.write(escapePlainText(textToEscape));
  }

  @Override
  public String escapePlainText(String plainTextContent) {
    return ShellWords.quote(plainTextContent);
  }

  @Override
  public boolean isLegacyBuiltInBypassed(String builtInName) {
    return false;
  }

  @Override
  protected Script newTemplateMarkupOutputModel(String plainTextContent, String markupContent) {
    return new Script(plainTextContent, markupContent);
  }

  /** A piece of script: already-quoted shell text. */
  static final class Script extends CommonTemplateMarkupOutputModel<Script> {
    Script(String plainTextContent, String markupContent) {
      super(plainTextContent, markupContent);
    }

    @Override
    public ShellOutputFormat getOutputFormat() {
      return INSTANCE;
    }
  }
}
