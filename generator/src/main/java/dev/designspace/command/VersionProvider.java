package dev.designspace.command;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version recorded at build time in {@code version.properties}. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    return new String[] {
      "designspace " + version(),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }

  public static String version() throws IOException {
    Properties p = new Properties();
    try (InputStream in =
        VersionProvider.class.getResourceAsStream(
            "/dev/designspace/generator/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    }
    return p.getProperty("version", "unknown");
  }
}
