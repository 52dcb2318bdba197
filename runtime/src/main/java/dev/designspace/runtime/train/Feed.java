package dev.designspace.runtime.train;

/**
 * A fixed sequence of items handed out one at a time, each closed by whoever takes it; closing the
 * feed releases whatever it prepared and did not hand out.
 */
interface Feed<T extends AutoCloseable> extends AutoCloseable {
  /**
   * The next item, for the caller to close.
   *
   * @throws java.util.NoSuchElementException after the last item
   */
  T next();

  @Override
  void close();
}
