package dev.designspace.runtime.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.designspace.runtime.data.ImageSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Runs an exported SavedModel through its {@code serving_default} signature. */
public final class SavedModelPredictor implements AutoCloseable {
  private final SavedModelBundle bundle;
  private final SessionFunction function;
  private final JsonNode card;

  private SavedModelPredictor(SavedModelBundle bundle, JsonNode card) {
    this.bundle = bundle;
    this.function = bundle.function(SavedModelExport.SIGNATURE);
    this.card = card;
  }

  public static SavedModelPredictor load(Path dir) {
    if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
      throw new ExportException(dir + " is not a SavedModel directory (no saved_model.pb)");
    }
    JsonNode card;
    try {
      card =
          Files.isRegularFile(dir.resolve(SavedModelExport.CARD))
              ? new ObjectMapper().readTree(dir.resolve(SavedModelExport.CARD).toFile())
              : null;
    } catch (IOException e) {
      throw new ExportException(
          "cannot read " + dir.resolve(SavedModelExport.CARD) + ": " + e.getMessage());
    }
    if (card == null) {
      throw new ExportException(
          dir + " lacks " + SavedModelExport.CARD + "; export it with designspace export");
    }
    SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve");
    try {
      return new SavedModelPredictor(bundle, card);
    } catch (RuntimeException e) {
      bundle.close();
      throw new ExportException(
          dir + " has no '" + SavedModelExport.SIGNATURE + "' signature: " + e.getMessage());
    }
  }

  public int inputSize() {
    return card.get("inputSize").asInt();
  }

  public int inputChannels() {
    return card.get("inputChannels").asInt();
  }

  public int classes() {
    return card.get("classes").asInt();
  }

  /** Logits of the first {@code limit} images, in batches. */
  public float[][] logits(ImageSet images, int limit, int batchSize) {
    int n = Math.min(limit, images.count());
    float[][] out = new float[n][];
    int size = images.imageSize();
    for (int start = 0; start < n; start += batchSize) {
      int b = Math.min(batchSize, n - start);
      float[] pixels = new float[b * size];
      byte[] src = images.pixels();
      for (int i = 0; i < b * size; i++) {
        pixels[i] = src[start * size + i] & 0xff;
      }
      try (TFloat32 x =
              TFloat32.tensorOf(
                  Shape.of(b, images.height(), images.width(), images.channels()),
                  DataBuffers.of(pixels, true, false));
          Result r = function.call(Map.of(SavedModelExport.INPUT, x))) {
        TFloat32 logits = (TFloat32) r.get(SavedModelExport.LOGITS).orElseThrow();
        int classes = (int) logits.shape().get(1);
        float[] flat = new float[b * classes];
        logits.copyTo(DataBuffers.of(flat, false, false));
        for (int i = 0; i < b; i++) {
          out[start + i] = java.util.Arrays.copyOfRange(flat, i * classes, (i + 1) * classes);
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    bundle.close();
  }
}
