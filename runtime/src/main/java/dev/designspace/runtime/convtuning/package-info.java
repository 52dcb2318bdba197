/**
 * Which formulation each grouped convolution of a training graph uses: {@link
 * dev.designspace.runtime.convtuning.FormulationChoice} (the {@code --conv-impl} choice), and for
 * {@code auto} the {@link dev.designspace.runtime.convtuning.ConvTuner}, which times the
 * formulations of each distinct layer shape once on this machine and keeps the winner in an on-disk
 * cache (see docs/training.md, "Convolution formulations").
 */
package dev.designspace.runtime.convtuning;
