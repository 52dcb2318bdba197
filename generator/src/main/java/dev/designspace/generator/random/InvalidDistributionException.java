package dev.designspace.generator.random;

/** A distribution's parameters are invalid; {@link #field()} names the offending key. */
public final class InvalidDistributionException extends IllegalArgumentException {
  private final String field;

  public InvalidDistributionException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** {@code low}, {@code high}, {@code q} or {@code values}. */
  public String field() {
    return field;
  }
}
