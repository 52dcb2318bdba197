package dev.designspace.generator.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test data: tab-separated resources with a header row, and the repository root. */
public final class Tsv {
  private Tsv() {}

  public static List<Map<String, String>> read(String resource) {
    try (InputStream in = Tsv.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      String[] header = lines[0].split("\t");
      List<Map<String, String>> rows = new ArrayList<>();
      for (int i = 1; i < lines.length; i++) {
        if (lines[i].isBlank()) {
          continue;
        }
        String[] cells = lines[i].split("\t", -1);
        Map<String, String> row = new LinkedHashMap<>();
        for (int c = 0; c < header.length; c++) {
          row.put(header[c], cells[c]);
        }
        rows.add(row);
      }
      return rows;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** "[1,1,4,7]" or "1,1,4,7" to a list of ints. */
  public static List<Integer> ints(String cell) {
    String s = cell.replace("[", "").replace("]", "").trim();
    return s.isEmpty()
        ? List.of()
        : Arrays.stream(s.split(",")).map(String::trim).map(Integer::valueOf).toList();
  }

  /** The repository root (surefire sets designspace.root; IDEs run from the module directory). */
  public static Path root() {
    return Path.of(System.getProperty("designspace.root", "..")).toAbsolutePath().normalize();
  }

  public static Path spec(String name) {
    return root().resolve("specs").resolve(name);
  }
}
