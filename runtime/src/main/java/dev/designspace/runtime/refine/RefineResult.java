package dev.designspace.runtime.refine;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What refinement found.
 *
 * @param sweep the sweep directory read
 * @param name the refined space's name (e.g. {@code FmnistRegNetX-R1})
 * @param models done models the rules were evaluated on
 * @param candidates every restriction considered, proposed or not, in the order of the spec
 * @param threshold the per-test significance level: alpha over the number of tests made
 * @param written the refined spec's file; empty when no restriction is supported (nothing written)
 */
public record RefineResult(
    Path sweep,
    String name,
    int models,
    List<Candidate> candidates,
    double threshold,
    Optional<Path> written) {
  public RefineResult {
    candidates = List.copyOf(candidates);
  }

  public List<Candidate> proposals() {
    return candidates.stream().filter(Candidate::proposed).toList();
  }
}
