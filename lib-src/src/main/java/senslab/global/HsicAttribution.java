package senslab.global;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.function.Consumer;
import senslab.attribution.Attribution;
import senslab.attribution.AttributionMaps;
import senslab.attribution.Target;
import senslab.image.Images;
import senslab.masking.CellMasking;
import senslab.masking.Perturbation;
import senslab.models.StagedNetwork;

/**
 * HSIC maps (Novello, Fel &amp; Vigouroux, NeurIPS 2022; Xplique's {@code HsicAttributionMethod}): the same cells,
 * perturbation and batched evaluation as {@link SobolAttribution}, but each cell is kept or removed at random
 * (binary Sobol masks) and its dependence with the score is measured by the Hilbert–Schmidt independence criterion
 * ({@link Hsic}), which needs no pick-and-freeze design: {@code samples} forward passes per image (512 by default,
 * a quarter of the Sobol map's 2,112), each cell's value estimated from all of them.
 *
 * <p>Immutable: every setter returns a new configuration. Defaults: grid 8, 512 masks, inpainting to 0.
 */
public final class HsicAttribution implements Attribution {
    public static final int DEFAULT_SAMPLES = 512;

    private final CellMasking masking;
    private final int samples;

    private HsicAttribution(CellMasking masking, int samples) {
        if (samples < 2) {
            throw new IllegalArgumentException("HSIC needs at least 2 masks, got " + samples + "; e.g. 512");
        }
        this.masking = masking;
        this.samples = samples;
    }

    /** HSIC maps of {@code net} with the defaults above. */
    public static HsicAttribution of(StagedNetwork net) {
        return new HsicAttribution(CellMasking.defaults(net, SobolAttribution.DEFAULT_GRID), DEFAULT_SAMPLES);
    }

    /** Cells per side of the grid; it must divide the image size. */
    public HsicAttribution grid(int side) {
        return new HsicAttribution(masking.withGrid(side), samples);
    }

    /** Binary masks per image: one forward pass each. */
    public HsicAttribution samples(int count) {
        return new HsicAttribution(masking, count);
    }

    /** How a removed cell is perturbed: {@link Perturbation#inpainting()}, blurring, …. */
    public HsicAttribution perturbation(Perturbation perturbation) {
        return new HsicAttribution(masking.withPerturbation(perturbation), samples);
    }

    /** Perturbed copies per forward pass (0: automatic). */
    public HsicAttribution batchSize(int rows) {
        return new HsicAttribution(masking.withBatchSize(rows), samples);
    }

    /** Receives a line per image (time taken). */
    public HsicAttribution progress(Consumer<String> sink) {
        return new HsicAttribution(masking.withProgress(sink), samples);
    }

    /** What the maps are made with: grid, masks, perturbation. */
    public HsicSettings settings() {
        return new HsicSettings(masking.grid(), samples, masking.perturbation());
    }

    @Override
    public AttributionMaps attribute(NDArray inputs, Target target) {
        Images in = Images.of(inputs);
        int cells = masking.gridFor(in).cells();
        List<List<double[]>> results = masking.run(in, target, Hsic.binaryDesign(cells, samples),
                (design, scores) -> Hsic.perCell(design, cells, scores));
        return masking.maps("HSIC", settings(), in, target, results, values -> values);
    }
}
