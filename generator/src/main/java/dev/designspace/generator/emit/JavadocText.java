package dev.designspace.generator.emit;

/**
 * Free text (spec descriptions, file paths) made safe for a Javadoc comment: it cannot end the
 * comment, start a tag, hide a unicode escape that javac would decode, or add markup.
 */
final class JavadocText {
  private JavadocText() {}

  static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '@' -> sb.append("&#64;");
        case '{' -> sb.append("&#123;"); // keeps {@code ...} tags balanced
        case '}' -> sb.append("&#125;");
        case '\\' -> sb.append("&#92;"); // javac decodes backslash-u escapes even in comments
        case '/' -> sb.append(i > 0 && text.charAt(i - 1) == '*' ? "&#47;" : "/");
        case '\n', '\r', '\t' -> sb.append(' ');
        default -> {
          if (Character.isISOControl(c)) {
            sb.append(' ');
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString().strip();
  }
}
