package dev.designspace.runtime.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The name each sweep of a report goes by: the user's label when given; else its space's name when
 * no other sweep of the report has it; else that name with what sets the sweep apart from the
 * others of the name, the settings that differ between them ({@code TinyRel (epochs 2)}), or, when
 * none does, its directory's name.
 */
final class SweepLabels {
  private SweepLabels() {}

  /**
   * One label per sweep, in order, all different.
   *
   * @param userLabels labels by sweep directory (absolute and normalised)
   * @throws ReportException when two sweeps would carry the same user label
   */
  static List<String> of(List<SweepData> sweeps, Map<Path, String> userLabels) {
    Map<String, List<Integer>> byName = new LinkedHashMap<>();
    for (int i = 0; i < sweeps.size(); i++) {
      byName.computeIfAbsent(sweeps.get(i).name(), k -> new ArrayList<>()).add(i);
    }
    String[] labels = new String[sweeps.size()];
    for (List<Integer> group : byName.values()) {
      List<String> differing =
          SweepSettings.differing(group.stream().map(i -> sweeps.get(i).settings()).toList());
      for (int i : group) {
        SweepData s = sweeps.get(i);
        labels[i] = group.size() == 1 ? s.name() : s.name() + " (" + apart(s, differing) + ")";
      }
    }
    Set<String> taken = new HashSet<>();
    for (int i = 0; i < sweeps.size(); i++) {
      String user = userLabels.get(key(sweeps.get(i).directory()));
      if (user != null) {
        if (!taken.add(user)) {
          throw new ReportException(
              "two sweeps are labelled '" + user + "'; give each sweep its own label");
        }
        labels[i] = user;
      }
    }
    for (int i = 0; i < sweeps.size(); i++) {
      if (userLabels.containsKey(key(sweeps.get(i).directory()))) {
        continue;
      }
      String label = labels[i];
      for (int k = 2; !taken.add(label); k++) {
        label = labels[i] + " #" + k; // the same directory twice, or settings and names alike
      }
      labels[i] = label;
    }
    return List.of(labels);
  }

  /** How a user names a sweep directory on the command line, as a key of the labels map. */
  static Path key(Path directory) {
    return directory.toAbsolutePath().normalize();
  }

  private static String apart(SweepData s, List<String> differing) {
    if (differing.isEmpty()) {
      return String.valueOf(s.directory().toAbsolutePath().normalize().getFileName());
    }
    List<String> parts = new ArrayList<>();
    for (String name : differing) {
      parts.add(name + " " + s.settings().values().getOrDefault(name, "none"));
    }
    return String.join(", ", parts);
  }
}
