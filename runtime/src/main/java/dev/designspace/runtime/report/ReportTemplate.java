package dev.designspace.runtime.report;

import freemarker.core.HTMLOutputFormat;
import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.ext.beans.BeansWrapper;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The FreeMarker template a report's HTML is rendered with: the built-in {@code report.html.ftl} or
 * a user's own file ({@code report --template}), given the same model ({@link ReportView}).
 *
 * <p>A template is code, so both are rendered with the same restrictive settings: no {@code ?new}
 * (creating Java objects), no {@code ?api} (the Java objects behind the data), no template loader
 * for a user's file (no {@code #include} or {@code #import} of other files), and an object wrapper
 * that exposes no Java methods. The model holds only strings, numbers, booleans, lists and maps, so
 * a template reaches nothing but its data. Strings are HTML-escaped unless a template chooses
 * another output format.
 */
public final class ReportTemplate {
  static final String BUILT_IN = "report.html.ftl";
  private static final String TEMPLATES = "/dev/designspace/templates";

  // FreeMarker's own words when it refuses ?new and ?api, to say the refusal in a user's terms
  private static final String NEW_REFUSED = "is not allowed in the template for security reasons";
  private static final String API_REFUSED = "api_builtin_enabled";

  private final String name;
  private final boolean builtIn;
  private final Template template;

  private ReportTemplate(String name, boolean builtIn, Template template) {
    this.name = name;
    this.builtIn = builtIn;
    this.template = template;
  }

  /** The template every report is rendered with unless the user gives one. */
  static ReportTemplate builtIn() {
    Configuration config = configuration();
    config.setClassForTemplateLoading(ReportTemplate.class, TEMPLATES);
    try {
      return new ReportTemplate(BUILT_IN, true, config.getTemplate(BUILT_IN));
    } catch (IOException e) {
      throw new IllegalStateException(
          "the built-in report template " + BUILT_IN + " cannot be loaded: " + e.getMessage(), e);
    }
  }

  /**
   * A user's template file, read and parsed now, so that a missing, unreadable or malformed one is
   * refused before any sweep is loaded.
   *
   * @throws ReportException naming the file, and for a syntax error its line and column
   */
  public static ReportTemplate read(Path file) {
    if (Files.isDirectory(file)) {
      throw new ReportException("the report template " + file + " is a directory; name a file");
    }
    String source;
    try {
      source = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ReportException("the report template " + file + " does not exist");
    } catch (CharacterCodingException e) {
      throw new ReportException("the report template " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new ReportException("cannot read the report template " + file + ": " + reason(e));
    }
    try {
      return new ReportTemplate(
          file.toString(),
          false,
          new Template(file.toString(), new StringReader(source), configuration()));
    } catch (ParseException e) {
      throw new ReportException(
          file
              + ":"
              + e.getLineNumber()
              + ":"
              + e.getColumnNumber()
              + ": syntax error in the report template: "
              + e.getEditorMessage().strip());
    } catch (IOException e) {
      // only a parse error can come from a StringReader
      throw new IllegalStateException(e);
    }
  }

  /** How messages name this template: the file as the user gave it, or the built-in's name. */
  public String name() {
    return name;
  }

  /**
   * The page of {@code model}. A user's template that fails or tries what it may not is the user's
   * to fix ({@link ReportException}); the built-in one failing is a bug.
   */
  String render(Map<String, Object> model) throws IOException {
    StringWriter page = new StringWriter();
    try {
      template.process(model, page);
    } catch (TemplateException e) {
      if (builtIn) {
        throw new IllegalStateException("the report template failed: " + e.getMessage(), e);
      }
      throw new ReportException(failure(e));
    }
    return page.toString();
  }

  /** Where in the user's template it failed and why, as {@code FILE:LINE:COLUMN: why}. */
  private String failure(TemplateException e) {
    String where =
        e.getLineNumber() == null
            ? name
            : name + ":" + e.getLineNumber() + ":" + e.getColumnNumber();
    String why = e.getMessageWithoutStackTop().strip();
    if (why.contains(API_REFUSED)) {
      return where
          + ": ?api is refused: a report template may not reach the Java objects behind its data;"
          + " use the names of the data model (docs/report-template.md)";
    }
    if (why.contains(NEW_REFUSED)) {
      return where
          + ": ?new is refused: a report template may not create Java objects ("
          + why
          + ")";
    }
    return where + ": " + why;
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage();
  }

  /** The settings of both the built-in template and a user's: nothing reaches past the model. */
  private static Configuration configuration() {
    Configuration config = new Configuration(Configuration.VERSION_2_3_34);
    config.setDefaultEncoding("UTF-8");
    config.setNumberFormat("computer");
    config.setLocale(Locale.ROOT);
    config.setOutputFormat(HTMLOutputFormat.INSTANCE);
    config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    config.setLogTemplateExceptions(false);
    config.setWrapUncheckedExceptions(true);
    config.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    config.setAPIBuiltinEnabled(false);
    DefaultObjectWrapperBuilder wrapper =
        new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34);
    wrapper.setExposureLevel(BeansWrapper.EXPOSE_NOTHING);
    config.setObjectWrapper(wrapper.build());
    return config;
  }
}
