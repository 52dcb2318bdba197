package dev.designspace.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

  @Test
  void deletesATreeAndLeavesItsSiblings(@TempDir Path dir) throws Exception {
    Path tree = dir.resolve("tree");
    AtomicFiles.write(tree.resolve("a/b/c.txt"), "c".getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(tree.resolve("d.txt"), "d".getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(dir.resolve("sibling.txt"), "s".getBytes(StandardCharsets.UTF_8));
    FileTrees.delete(tree);
    assertThat(tree).doesNotExist();
    assertThat(dir.resolve("sibling.txt")).hasContent("s");
  }

  @Test
  void aMissingTreeIsNoError(@TempDir Path dir) throws Exception {
    FileTrees.delete(dir.resolve("missing"));
    assertThat(dir.resolve("missing")).doesNotExist();
  }

  @Test
  void atomicWriteReplacesContentAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("x/result.json");
    AtomicFiles.write(file, "old".getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(file, "new".getBytes(StandardCharsets.UTF_8));
    assertThat(file).hasContent("new");
    try (var listing = Files.list(file.getParent())) {
      assertThat(listing.map(p -> p.getFileName().toString()).toList())
          .containsExactly("result.json");
    }
  }
}
