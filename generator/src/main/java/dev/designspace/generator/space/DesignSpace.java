package dev.designspace.generator.space;

import dev.designspace.generator.network.NetworkConfig;
import dev.designspace.generator.network.NetworkSettings;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One spec file, validated and with {@code extends} applied: a design space to sample from, or a
 * list of fixed models.
 *
 * @param source the spec file as the user named it
 * @param search present for sampled spaces
 * @param models the fixed models, empty for sampled spaces
 */
public record DesignSpace(
    String name,
    String description,
    String source,
    NetworkSettings network,
    Optional<SearchSpace> search,
    Constraints constraints,
    List<NetworkConfig> models) {

  public DesignSpace {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(search, "search");
    Objects.requireNonNull(constraints, "constraints");
    models = List.copyOf(models);
    if (search.isPresent() == !models.isEmpty()) {
      throw new IllegalArgumentException(
          "a design space has either a search space or fixed models");
    }
  }

  public boolean isSampled() {
    return search.isPresent();
  }
}
