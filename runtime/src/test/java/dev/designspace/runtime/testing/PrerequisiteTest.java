package dev.designspace.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class PrerequisiteTest {
  private static final Prerequisite TOOL = new Prerequisite("DESIGNSPACE_REQUIRE_TOOL", "a tool");

  @Test
  void presentRunsWhetherRequiredOrNot() {
    assertThatCode(() -> TOOL.check(true, Map.of())).doesNotThrowAnyException();
    assertThatCode(() -> TOOL.check(true, Map.of("DESIGNSPACE_REQUIRE_TOOL", "1")))
        .doesNotThrowAnyException();
  }

  @Test
  void missingSkipsUnlessRequired() {
    assertThatThrownBy(() -> TOOL.check(false, Map.of("OTHER", "1")))
        .isInstanceOf(TestAbortedException.class)
        .hasMessage("needs a tool");
  }

  @Test
  void missingFailsWhereRequired() {
    assertThatThrownBy(() -> TOOL.check(false, Map.of("DESIGNSPACE_REQUIRE_TOOL", "1")))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "needs a tool, and DESIGNSPACE_REQUIRE_TOOL is set, so its absence is a failure");
  }

  @Test
  void anOptionalPartRunsWhenPresentIsLeftOutWhenMissingAndFailsWhereRequired() {
    assertThat(TOOL.available(true, Map.of())).isTrue();
    assertThat(TOOL.available(false, Map.of())).isFalse();
    assertThatThrownBy(() -> TOOL.available(false, Map.of("DESIGNSPACE_REQUIRE_TOOL", "")))
        .isInstanceOf(AssertionError.class);
  }
}
