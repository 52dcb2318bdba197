package dev.designspace.runtime.export;

import dev.designspace.runtime.convtuning.FormulationChoice;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code export} writes: the model of run directory {@code runDir}, with the weights of {@code
 * epoch}, as a SavedModel in {@code out}.
 *
 * @param convImpl how grouped convolutions are computed in the exported graph; not {@code auto},
 *     since a SavedModel has one formulation for every machine that serves it
 */
public record ExportRequest(
    Path runDir, Path out, FormulationChoice convImpl, ExportedEpoch epoch) {
  public ExportRequest {
    Objects.requireNonNull(runDir, "runDir");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(convImpl, "convImpl");
    Objects.requireNonNull(epoch, "epoch");
    if (convImpl == FormulationChoice.AUTO) {
      throw new ExportException(
          "an exported model has one formulation of grouped convolutions for every machine that"
              + " serves it: choose grouped, depthwise, split or blockdiag, not auto");
    }
  }

  /** The best epoch's weights, grouped convolutions in the portable form. */
  public static ExportRequest of(Path runDir, Path out) {
    return new ExportRequest(runDir, out, SavedModelExport.DEFAULT_CONV_IMPL, ExportedEpoch.BEST);
  }

  public ExportRequest withEpoch(ExportedEpoch epoch) {
    return new ExportRequest(runDir, out, convImpl, epoch);
  }

  public ExportRequest withConvImpl(FormulationChoice convImpl) {
    return new ExportRequest(runDir, out, convImpl, epoch);
  }
}
