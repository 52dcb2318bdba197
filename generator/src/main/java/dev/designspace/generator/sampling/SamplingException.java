package dev.designspace.generator.sampling;

import dev.designspace.command.BadInputException;

/** The constraints let too few candidates through within the candidate budget. */
public final class SamplingException extends BadInputException {
  private final SamplingStats stats;

  SamplingException(String message, SamplingStats stats) {
    super(message);
    this.stats = stats;
  }

  public SamplingStats stats() {
    return stats;
  }
}
