package dev.designspace.generator.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.designspace.generator.random.Distribution;
import dev.designspace.generator.space.Bound;
import dev.designspace.generator.space.DesignSpace;
import dev.designspace.generator.space.Parameter;
import dev.designspace.generator.space.SearchSpace;
import dev.designspace.model.BlockType;
import dev.designspace.model.StemType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of spec error names file:line:column, the key path and what was expected. */
class SpecLoaderTest {
  @TempDir Path dir;

  private Path write(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  /** Loads a spec expected to fail and returns the message with the temp directory stripped. */
  private String error(Path file) {
    try {
      SpecLoader.load(file);
    } catch (SpecException e) {
      assertThat(e.getMessage()).startsWith(e.location().toString() + ": ");
      return e.getMessage().replace(dir.toString() + "/", "");
    }
    throw new AssertionError("expected a SpecException for " + file);
  }

  private static final String[] ANYNET = {
    "name: S",
    "sample:",
    "  family: anynet",
    "  stages: 2",
    "  depth: {dist: uniform, low: 1, high: 4, q: 1}",
    "  width: {dist: log_uniform, low: 8, high: 64, q: 8}",
  };

  private static String[] with(String[] base, String... more) {
    String[] out = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, out, base.length, more.length);
    return out;
  }

  @Test
  void unknownTopLevelKeySuggestsTheClosest() throws IOException {
    assertThat(error(write("s.yaml", "name: A", "sampel: {}")))
        .isEqualTo(
            "s.yaml:2:1: sampel: unknown key; expected one of name, description, extends, network,"
                + " sample, constraints, models (did you mean 'sample'?)");
  }

  @Test
  void unknownNestedKey() throws IOException {
    assertThat(
            error(
                write(
                    "s.yaml",
                    "name: A",
                    "network:",
                    "  stem: {type: simple, widht: 8}",
                    "models: []")))
        .isEqualTo(
            "s.yaml:3:24: network.stem.widht: unknown key; expected one of type, width (did you"
                + " mean 'width'?)");
  }

  @Test
  void wrongTypes() throws IOException {
    assertThat(error(write("a.yaml", "name: A", "network:", "  classes: ten")))
        .isEqualTo("a.yaml:3:12: network.classes: expected a number, got string 'ten'");
    assertThat(error(write("b.yaml", "name: A", "network: [1, 2]")))
        .isEqualTo("b.yaml:2:10: network: expected a map, got a list");
    assertThat(error(write("c.yaml", "name: A", "network: {input: {size: 2.5}}")))
        .isEqualTo("c.yaml:2:25: network.input.size: expected an integer, got 2.5");
    assertThat(error(write("d.yaml", with(ANYNET, "constraints:", "  shared: depth"))))
        .isEqualTo("d.yaml:8:11: constraints.shared: expected a list, got string 'depth'");
    assertThat(error(write("e.yaml", "name: [A]")))
        .isEqualTo("e.yaml:1:7: name: expected a string, got a list");
  }

  @Test
  void impossibleRanges() throws IOException {
    assertThat(
            error(
                write(
                    "a.yaml",
                    "name: S",
                    "sample:",
                    "  family: anynet",
                    "  stages: 2",
                    "  depth: {dist: uniform, low: 5, high: 1, q: 1}",
                    "  width: 8")))
        .isEqualTo("a.yaml:5:40: sample.depth.high: must be >= low (5), got 1");
    assertThat(error(write("b.yaml", with(ANYNET, "constraints:", "  flops: [400e6, 360e6]"))))
        .isEqualTo(
            "b.yaml:8:18: constraints.flops[1]: must be >= the lower bound (400000000), got"
                + " 360000000");
    assertThat(
            error(
                write(
                    "c.yaml",
                    "name: S",
                    "sample:",
                    "  family: anynet",
                    "  stages: 2",
                    "  depth: {dist: log_uniform, low: 0, high: 4, q: 1}",
                    "  width: 8")))
        .isEqualTo("c.yaml:5:35: sample.depth.low: must be > 0 for this distribution, got 0");
    assertThat(
            error(
                write(
                    "d.yaml",
                    "name: S",
                    "sample:",
                    "  family: anynet",
                    "  stages: 2",
                    "  depth: {dist: uniform, low: 1, high: 4, q: 0.5}",
                    "  width: 8")))
        .isEqualTo(
            "d.yaml:5:46: sample.depth.q: depth takes integers: values, low, high and q must be"
                + " integers");
    assertThat(
            error(
                write(
                    "e.yaml",
                    "name: S",
                    "sample:",
                    "  family: anynet",
                    "  stages: 2",
                    "  depth: 2",
                    "  width: {dist: log_uniform, low: 12, high: 64, q: 8}")))
        .isEqualTo("e.yaml:6:35: sample.width.low: must be a multiple of q (8), got 12");
    assertThat(
            error(
                write(
                    "f.yaml",
                    "name: S",
                    "sample:",
                    "  family: anynet",
                    "  stages: 2",
                    "  depth: {dist: power2_uniform, low: 3, high: 16}",
                    "  width: 8")))
        .isEqualTo("f.yaml:5:38: sample.depth.low: must be a power of two, got 3");
    assertThat(
            error(
                write(
                    "g.yaml",
                    "name: S",
                    "sample:",
                    "  family: anynet",
                    "  stages: 2",
                    "  depth: {dist: choice, values: []}",
                    "  width: 8")))
        .isEqualTo(
            "g.yaml:5:33: sample.depth.values: the list is empty; expected at least one value");
  }

  @Test
  void distributionNamesComeFromOneListAndTyposAreCaught() throws IOException {
    assertThat(
            error(
                write(
                    "h.yaml",
                    "name: S",
                    "sample:",
                    "  family: anynet",
                    "  stages: 2",
                    "  depth: {dist: log_unifrom, low: 1, high: 4, q: 1}",
                    "  width: 8")))
        .isEqualTo(
            "h.yaml:5:17: sample.depth.dist: expected one of uniform, log_uniform, power2_uniform,"
                + " power2_or_log_uniform, normal, log_normal, choice, got 'log_unifrom' (did you"
                + " mean 'log_uniform'?)");
    assertThat(
            error(
                write(
                    "i.yaml",
                    "name: S",
                    "sample:",
                    "  family: anynet",
                    "  stages: 2",
                    "  depth: {low: 1, high: 4}",
                    "  width: 8")))
        .isEqualTo(
            "i.yaml:5:10: sample.depth: missing key 'dist'; expected one of uniform, log_uniform,"
                + " power2_uniform, power2_or_log_uniform, normal, log_normal, choice");
    // powers of two below q floor to 0: a depth could come out as 0
    assertThat(
            error(
                write(
                    "j.yaml",
                    "name: S",
                    "sample:",
                    "  family: anynet",
                    "  stages: 2",
                    "  depth: {dist: power2_uniform, low: 1, high: 16, q: 4}",
                    "  width: 8")))
        .isEqualTo("j.yaml:5:38: sample.depth.low: depth must be >= 1, got 0");
  }

  @Test
  void cyclicExtends() throws IOException {
    write("a.yaml", "name: A", "extends: b.yaml");
    write("b.yaml", "name: B", "extends: c.yaml");
    write("c.yaml", "name: C", "extends: a.yaml");
    assertThat(error(dir.resolve("a.yaml")))
        .isEqualTo("c.yaml:2:10: extends: cyclic extends: a.yaml -> b.yaml -> c.yaml -> a.yaml");
    write("self.yaml", "name: A", "extends: ./self.yaml");
    assertThat(error(dir.resolve("self.yaml")))
        .isEqualTo("self.yaml:2:10: extends: cyclic extends: self.yaml -> self.yaml");
  }

  @Test
  void missingExtendsTarget() throws IOException {
    assertThat(error(write("a.yaml", "name: A", "extends: nowhere.yaml")))
        .isEqualTo("a.yaml:2:10: extends: cannot read spec 'nowhere.yaml': no such file");
  }

  @Test
  void invalidNames() throws IOException {
    assertThat(error(write("a.yaml", "name: my space", "models: []")))
        .isEqualTo(
            "a.yaml:1:7: name: must match [A-Za-z][A-Za-z0-9_-]* (it names generated classes and"
                + " run directories), got 'my space'");
    assertThat(error(write("b.yaml", "name: \"x\\\"; System.exit(1); //\"", "models: []")))
        .startsWith("b.yaml:1:7: name: must match");
    assertThat(
            error(
                write(
                    "c.yaml",
                    "name: Z",
                    "models:",
                    "  - name: 9lives",
                    "    anynet: {depths: [1], widths: [8]}")))
        .isEqualTo("c.yaml:3:11: models[0].name: must match [A-Za-z][A-Za-z0-9_.-]*, got '9lives'");
    assertThat(error(write("d.yaml", "description: no name", "models: []")))
        .isEqualTo(
            "d.yaml:1:1: missing key 'name'; expected the design space's name, e.g. name:"
                + " AnyNetXA");
    assertThat(
            error(
                write(
                    "e.yaml",
                    "name: Z",
                    "models:",
                    "  - name: M",
                    "    anynet: {depths: [1], widths: [8]}",
                    "  - name: M",
                    "    anynet: {depths: [1], widths: [8]}")))
        .isEqualTo("e.yaml:5:11: models[1].name: duplicate model name 'M'; first at line 3");
  }

  @Test
  void yamlSyntaxAndDuplicateKeys() throws IOException {
    assertThat(error(write("a.yaml", "name: E", "network: {classes: 10")))
        .startsWith("a.yaml:")
        .contains("invalid YAML: while parsing a flow mapping: expected ',' or '}'");
    assertThat(error(write("b.yaml", "name: F", "name: G")))
        .isEqualTo("b.yaml:2:1: name: duplicate key; first written at line 1");
    assertThat(error(write("c.yaml", "")))
        .isEqualTo("c.yaml:1:1: the file is empty; expected a map with at least 'name'");
    assertThat(error(write("d.yaml", "- name: A")))
        .isEqualTo("d.yaml:1:1: expected a map with at least 'name', got a list");
    assertThat(error(write("e.yaml", "name: &n A", "description: *n", "models: []")))
        .isEqualTo("e.yaml:2:14: YAML aliases (*name) are not supported; write the value out");
  }

  @Test
  void structuralErrors() throws IOException {
    assertThat(error(write("a.yaml", "name: A")))
        .isEqualTo(
            "a.yaml:1:1: expected 'sample' (a design space to sample from) or 'models' (a list of"
                + " fixed models)");
    assertThat(error(write("b.yaml", with(ANYNET, "models: []"))))
        .isEqualTo(
            "b.yaml:7:1: models: a spec has either 'sample' (a design space) or 'models' (fixed"
                + " models), not both");
    assertThat(error(write("c.yaml", "name: A", "models: []")))
        .isEqualTo("c.yaml:2:9: models: the list is empty; expected at least one model");
    assertThat(
            error(
                write(
                    "d.yaml",
                    "name: A",
                    "models:",
                    "  - name: M",
                    "    anynet: {depths: [1, 2], widths: [8, 16], strides: [2]}")))
        .isEqualTo(
            "d.yaml:4:56: models[0].anynet.strides: has 1 entries, expected 2 (one per stage, as in"
                + " depths)");
    assertThat(
            error(
                write(
                    "e.yaml",
                    "name: A",
                    "models:",
                    "  - name: M",
                    "    regnet: {depth: 13, w0: 20, wa: 36.44, wm: 2.49, group_width: 8}")))
        .isEqualTo("e.yaml:4:29: models[0].regnet.w0: must be a positive multiple of 8, got 20");
    assertThat(
            error(
                write(
                    "f.yaml",
                    "name: A",
                    "models:",
                    "  - name: M",
                    "    regnet: {depth: 13, w0: 24, wa: 36.44, wm: 0.9, group_width: 8}")))
        .isEqualTo("f.yaml:4:48: models[0].regnet.wm: must be > 1, got 0.9");
    assertThat(error(write("g.yaml", "name: A", "models:", "  - name: M")))
        .isEqualTo(
            "g.yaml:3:5: models[0]: a model has exactly one of 'regnet' (depth, w0, wa, wm,"
                + " group_width) or 'anynet' (depths, widths, ...)");
    assertThat(
            error(
                write(
                    "h.yaml",
                    "name: A",
                    "models:",
                    "  - name: M",
                    "    anynet: {depths: [1], widths: [8], bottleneck_ratios: [0.3]}")))
        .isEqualTo(
            "h.yaml:4:60: models[0].anynet.bottleneck_ratios[0]: bottleneck ratio below 1 must be"
                + " 1/k for an integer k (an inverted bottleneck), got 0.3");
  }

  private static final String FIXED_X_NETWORK =
      "network: {input: {size: 28, channels: 1}, classes: 10, stem: {type: cifar, width: 16},"
          + " block: x}";

  /** pycls builds a given AnyNet as written: w_b = round_half_even(w / b), widths unchanged. */
  @Test
  void fixedAnyNetIsBuiltAsWritten() throws IOException {
    DesignSpace space =
        SpecLoader.load(
            write(
                "a.yaml",
                "name: A",
                FIXED_X_NETWORK,
                "models:",
                "  - name: M",
                "    anynet: {depths: [1, 1, 1], widths: [26, 58, 122], bottleneck_ratios: [4, 4,"
                    + " 4], group_widths: [2, 2, 2]}"));
    var m = space.models().get(0);
    assertThat(m.widths()).containsExactly(26, 58, 122);
    assertThat(m.groupWidths()).containsExactly(2, 2, 2);
    assertThat(m.stages()).extracting(st -> st.bottleneckWidth()).containsExactly(6, 14, 30);
    assertThat(m.stages()).extracting(st -> st.groups()).containsExactly(3, 7, 15);
  }

  @Test
  void fixedAnyNetWhoseBottleneckWidthNoGroupWidthDividesIsRefusedAtTheValue() throws IOException {
    assertThat(
            error(
                write(
                    "a.yaml",
                    "name: A",
                    FIXED_X_NETWORK,
                    "models:",
                    "  - name: M",
                    "    anynet: {depths: [1, 1, 1], widths: [26, 58, 122], bottleneck_ratios: [4,"
                        + " 4, 4], group_widths: [2, 4, 2]}")))
        .isEqualTo(
            "a.yaml:5:104: models[0].anynet.group_widths[1]: bottleneck width w_b ="
                + " round_half_even(58 / 4) = 14 is not divisible by group width 4 (fixed models"
                + " are built as written, with w_b / g groups); use a group width dividing 14 (1,"
                + " 2, 7, 14) or change widths[1] or bottleneck_ratios[1]");
    // a group width above w_b is refused the same way; without bottleneck ratios b is 1
    assertThat(
            error(
                write(
                    "b.yaml",
                    "name: A",
                    FIXED_X_NETWORK,
                    "models:",
                    "  - name: M",
                    "    anynet: {depths: [1], widths: [12], group_widths: [16]}")))
        .isEqualTo(
            "b.yaml:5:56: models[0].anynet.group_widths[0]: bottleneck width w_b ="
                + " round_half_even(12 / 1) = 12 is not divisible by group width 16 (fixed models"
                + " are built as written, with w_b / g groups); use a group width dividing 12 (1,"
                + " 2, 3, 4, 6, 12) or change widths[0]");
    assertThat(
            error(
                write(
                    "c.yaml",
                    "name: A",
                    FIXED_X_NETWORK,
                    "models:",
                    "  - name: M",
                    "    anynet: {depths: [1], widths: [6], bottleneck_ratios: [16]}")))
        .isEqualTo(
            "c.yaml:5:60: models[0].anynet.bottleneck_ratios[0]: bottleneck width w_b ="
                + " round_half_even(6 / 16) = 0; the 3x3 conv needs w_b >= 1: use a smaller"
                + " bottleneck ratio or a wider stage");
    // r and v blocks have no group conv, so their widths need no such check
    assertThat(
            SpecLoader.load(
                    write(
                        "d.yaml",
                        "name: A",
                        "network: {block: r}",
                        "models:",
                        "  - name: M",
                        "    anynet: {depths: [1], widths: [26]}"))
                .models())
        .hasSize(1);
  }

  @Test
  void familyAndConstraintMismatches() throws IOException {
    assertThat(error(write("a.yaml", with(ANYNET, "constraints:", "  stages: [4, 4]"))))
        .isEqualTo(
            "a.yaml:8:11: constraints.stages: sample.stages is 2, outside this range; anynet spaces"
                + " fix the number of stages with sample.stages (the stages constraint is for"
                + " regnet spaces)");
    // a stages range that includes an AnyNet space's fixed sample.stages: consistent, so accepted
    assertThat(
            SpecLoader.load(write("a2.yaml", with(ANYNET, "constraints:", "  stages: [2, 4]")))
                .name())
        .isEqualTo("S");
    assertThat(error(write("b.yaml", with(ANYNET, "constraints:", "  shared: [depht]"))))
        .isEqualTo(
            "b.yaml:8:12: constraints.shared[0]: expected one of depth, width, bottleneck_ratio,"
                + " group_width, got 'depht' (did you mean 'depth'?)");
    assertThat(error(write("c.yaml", with(ANYNET, "  w0: 8"))))
        .isEqualTo(
            "c.yaml:7:3: sample.w0: unknown key for family anynet; expected one of family, stages,"
                + " strides, depth, width, bottleneck_ratio, group_width");
    assertThat(
            error(
                write(
                    "d.yaml",
                    "name: S",
                    "sample:",
                    "  family: regnet",
                    "  depth: 13",
                    "  w0: 24",
                    "  wa: 36.0",
                    "  wm: 2.5",
                    "  group_width: 8",
                    "constraints:",
                    "  increasing: [width]")))
        .isEqualTo(
            "d.yaml:10:15: constraints.increasing: applies to anynet spaces only (a RegNet has one"
                + " value of each parameter)");
    assertThat(error(write("e.yaml", "name: S", "sample:", "  family: resnet")))
        .isEqualTo("e.yaml:3:11: sample.family: expected one of anynet, regnet, got 'resnet'");
    assertThat(
            error(
                write(
                    "f.yaml",
                    "name: S",
                    "sample:",
                    "  family: regnet",
                    "  depth: 13",
                    "  w0: {dist: log_uniform, low: 8, high: 256, q: 4}",
                    "  wa: 36.0",
                    "  wm: 2.5",
                    "  group_width: 8")))
        .isEqualTo(
            "f.yaml:5:32: sample.w0.low: w0 must be a positive multiple of 8: use multiples of 8"
                + " for low and high, and q: 8 (or a multiple)");
    assertThat(error(write("g.yaml", with(ANYNET, "  strides: [2, 2, 2]"))))
        .isEqualTo("g.yaml:7:12: sample.strides: has 3 entries, expected 2 (sample.stages)");
    assertThat(
            error(write("h.yaml", "name: S", "network: {block: x, se_ratio: 0.25}", "models: []")))
        .isEqualTo(
            "h.yaml:2:31: network.se_ratio: SE needs block: y (the x block with SE); block x takes"
                + " se_ratio 0");
    assertThat(error(write("i.yaml", "name: S", "network: {block: z}", "models: []")))
        .isEqualTo("i.yaml:2:18: network.block: expected one of v, r, x, y, got 'z'");
  }

  @Test
  void extendsMergesMapsAndReplacesListsAndScalars() throws IOException {
    write(
        "base.yaml",
        with(
            ANYNET,
            "network: {input: {size: 32, channels: 1}, classes: 10, stem: {type: cifar, width:"
                + " 16}}",
            "constraints:",
            "  flops: [1e6, 2e6]",
            "  shared: [depth]"));
    DesignSpace child =
        SpecLoader.load(
            write(
                "child.yaml",
                "name: Child",
                "extends: base.yaml",
                "network: {input: {size: 28}, block: y}",
                "sample:",
                "  stages: 3",
                "constraints:",
                "  shared: [width]"));
    assertThat(child.name()).isEqualTo("Child");
    assertThat(child.network().inputSize()).isEqualTo(28);
    assertThat(child.network().inputChannels()).isEqualTo(1); // merged from the base's input map
    assertThat(child.network().classes()).isEqualTo(10);
    assertThat(child.network().stem().type()).isEqualTo(StemType.CIFAR);
    assertThat(child.network().block()).isEqualTo(BlockType.Y);
    assertThat(child.network().seRatio()).isEqualTo(0.25);
    SearchSpace.AnyNet search = (SearchSpace.AnyNet) child.search().orElseThrow();
    assertThat(search.stages()).isEqualTo(3);
    assertThat(search.strides()).containsExactly(2, 2, 2);
    assertThat(search.depth()).isEqualTo(new Distribution.Uniform(1, 4, 1));
    assertThat(child.constraints().shared()).containsExactly(Parameter.WIDTH); // lists replace
    assertThat(child.constraints().flops()).isEqualTo(new Bound(1e6, 2e6));
  }

  @Test
  void errorsInInheritedValuesPointAtTheBaseFile() throws IOException {
    write(
        "base.yaml",
        "name: Base",
        "sample:",
        "  family: anynet",
        "  stages: 2",
        "  strides: [1, 2]",
        "  depth: {dist: uniform, low: 1, high: 4, q: 1}",
        "  width: {dist: log_uniform, low: 8, high: 64, q: 8}");
    // the child changes stages; the strides it inherits no longer fit, and are shown where written
    assertThat(
            error(
                write("child.yaml", "name: Child", "extends: base.yaml", "sample:", "  stages: 3")))
        .isEqualTo("base.yaml:5:12: sample.strides: has 2 entries, expected 3 (sample.stages)");
    // a bad value written in the base is reported at the base
    write("base2.yaml", "name: Base", "network: {classes: zero}");
    assertThat(
            error(
                write(
                    "child2.yaml",
                    "name: Child",
                    "extends: base2.yaml",
                    "models:",
                    "  - name: M",
                    "    anynet: {depths: [1], widths: [8]}")))
        .isEqualTo("base2.yaml:2:20: network.classes: expected a number, got string 'zero'");
  }

  @Test
  void shippedSpecsAllLoad() throws IOException {
    Path specs = dev.designspace.generator.testing.Tsv.root().resolve("specs");
    try (var files = Files.list(specs)) {
      List<Path> yamls = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertThat(yamls).hasSizeGreaterThanOrEqualTo(12);
      for (Path p : yamls) {
        DesignSpace s = SpecLoader.load(p);
        assertThat(s.name()).isNotBlank();
      }
    }
    DesignSpace xe = SpecLoader.load(specs.resolve("anynet-xe.yaml"));
    assertThat(xe.constraints().shared())
        .isEqualTo(Set.of(Parameter.BOTTLENECK_RATIO, Parameter.GROUP_WIDTH));
    assertThat(xe.constraints().increasing()).isEqualTo(Set.of(Parameter.WIDTH, Parameter.DEPTH));
    assertThat(xe.constraints().flops()).isEqualTo(new Bound(360e6, 400e6));
    DesignSpace xc = SpecLoader.load(specs.resolve("regnet-x-constrained.yaml"));
    SearchSpace.RegNet r = (SearchSpace.RegNet) xc.search().orElseThrow();
    assertThat(r.bottleneckRatio()).isEqualTo(new Distribution.Choice(List.of(1.0)));
    assertThat(r.depth().max()).isEqualTo(40);
    assertThat(r.wm().min()).isEqualTo(2.0);
    assertThat(xc.constraints().params().max()).isEqualTo(3e6 + 5.5 * 0.4e6);
  }

  @Test
  void plainNumbersInScientificNotationAreNumbers() throws IOException {
    DesignSpace s =
        SpecLoader.load(
            write(
                "s.yaml",
                with(
                    ANYNET,
                    "constraints:",
                    "  flops: [3.6e8, 400e6]",
                    "  params: [null, 6_000_000]")));
    assertThat(s.constraints().flops()).isEqualTo(new Bound(360e6, 400e6));
    assertThat(s.constraints().params()).isEqualTo(new Bound(null, 6e6));
  }
}
