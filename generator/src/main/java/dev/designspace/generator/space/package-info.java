/**
 * A validated design space: the shared network settings, either a search space (AnyNet or RegNet
 * family, with a distribution per parameter) and its constraints, or a list of fixed models. Built
 * by {@code spec}, consumed by {@code sampling} and the commands.
 */
package dev.designspace.generator.space;
