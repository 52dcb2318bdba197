package dev.designspace.runtime.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The name each sweep of a report goes by: the user's label when given; else its space's name when
 * no other sweep of the report has it; else that name with what sets the sweep apart from the
 * others of the name: the settings that differ between them ({@code TinyRel (epochs 2)}), and its
 * directory's name where that is not enough. The same directory named twice gets {@code #2}.
 */
final class SweepLabels {
  private SweepLabels() {}

  /**
   * One label per sweep, in order, all different.
   *
   * @param userLabels the user's labels, by the sweep's position in {@code sweeps}
   * @throws ReportException when a user label is given twice or is another sweep's name
   */
  static List<String> of(List<SweepData> sweeps, Map<Integer, String> userLabels) {
    Map<String, List<Integer>> byName = new LinkedHashMap<>();
    for (int i = 0; i < sweeps.size(); i++) {
      byName.computeIfAbsent(sweeps.get(i).name(), k -> new ArrayList<>()).add(i);
    }
    String[] labels = new String[sweeps.size()];
    for (List<Integer> group : byName.values()) {
      if (group.size() == 1) {
        labels[group.get(0)] = sweeps.get(group.get(0)).name();
        continue;
      }
      List<String> differing =
          SweepSettings.differing(group.stream().map(i -> sweeps.get(i).settings()).toList());
      Map<String, Integer> uses = new HashMap<>();
      for (int i : group) {
        labels[i] = settingsApart(sweeps.get(i), differing);
        uses.merge(labels[i], 1, Integer::sum);
      }
      for (int i : group) {
        if (uses.get(labels[i]) > 1) { // the settings do not tell these apart: their directories
          labels[i] = withDirectory(sweeps.get(i), differing);
        }
      }
    }
    Set<String> taken = new HashSet<>();
    for (Map.Entry<Integer, String> user : userLabels.entrySet()) {
      String label = user.getValue();
      if (!taken.add(label)) {
        throw new ReportException(
            "two sweeps are labelled '" + label + "'; give each sweep its own label");
      }
      for (int i = 0; i < sweeps.size(); i++) {
        if (i != user.getKey() && !userLabels.containsKey(i) && labels[i].equals(label)) {
          throw new ReportException(
              "the label '"
                  + label
                  + "' is what "
                  + sweeps.get(i).directory()
                  + " is called in this report; choose another");
        }
      }
      labels[user.getKey()] = label;
    }
    for (int i = 0; i < sweeps.size(); i++) {
      if (userLabels.containsKey(i)) {
        continue;
      }
      String label = labels[i];
      for (int k = 2; !taken.add(label); k++) {
        label = labels[i] + " #" + k; // the same directory named twice
      }
      labels[i] = label;
    }
    return List.of(labels);
  }

  private static String settingsApart(SweepData s, List<String> differing) {
    if (differing.isEmpty()) {
      return s.name() + " (" + directoryName(s) + ")";
    }
    return s.name() + " (" + settings(s, differing) + ")";
  }

  private static String withDirectory(SweepData s, List<String> differing) {
    return differing.isEmpty()
        ? s.name() + " (" + directoryName(s) + ")"
        : s.name() + " (" + settings(s, differing) + ", " + directoryName(s) + ")";
  }

  private static String settings(SweepData s, List<String> differing) {
    List<String> parts = new ArrayList<>();
    for (String name : differing) {
      String value = s.settings().values().get(name);
      if (value != null) {
        parts.add(name + " " + value);
      }
    }
    return parts.isEmpty() ? directoryName(s) : String.join(", ", parts);
  }

  private static String directoryName(SweepData s) {
    return String.valueOf(s.directory().toAbsolutePath().normalize().getFileName());
  }
}
