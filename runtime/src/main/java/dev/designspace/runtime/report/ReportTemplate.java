package dev.designspace.runtime.report;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

/** Renders a report's model with {@code report.html.ftl}, which escapes every string as HTML. */
final class ReportTemplate {
  static final String TEMPLATE = "report.html.ftl";
  private static final String TEMPLATES = "/dev/designspace/templates";

  private ReportTemplate() {}

  static String render(Map<String, Object> model) throws IOException {
    Configuration config = new Configuration(Configuration.VERSION_2_3_34);
    config.setClassForTemplateLoading(ReportTemplate.class, TEMPLATES);
    config.setDefaultEncoding("UTF-8");
    config.setNumberFormat("computer");
    StringWriter html = new StringWriter();
    try {
      Template template = config.getTemplate(TEMPLATE);
      template.process(model, html);
    } catch (TemplateException e) {
      // the model is built here, so a failure is a bug, not bad input
      throw new IllegalStateException("report template failed: " + e.getMessage(), e);
    }
    return html.toString();
  }
}
