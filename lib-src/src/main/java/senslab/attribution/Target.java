package senslab.attribution;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What an {@link Attribution} explains, read from the {@link Outputs} of a forward pass: whole stage outputs, one
 * channel or one unit of a stage, a class logit, or anything else a class of your own implements. Each target
 * gives, per map (label) and per row of the pass, a {@link #vector} (what finite differences compare) and a
 * {@link #score} (one number: what gradients, variance-based maps, activation maximization and metrics use), so
 * every method explains every target the same way.
 *
 * <p><b>A channel</b> means the same everywhere: its feature map is the vector, and its <em>mean</em> activation is
 * the number. The mean is what feature visualization calls a channel's activation (Olah et al. 2017, Lucid and
 * Lucent's {@code channel} objective), and it is linear in the units, so its gradient weighs every position of the
 * map alike; a norm would favour the positions where the channel already fires. Whole stages keep the L2 norm of
 * their output as their number, the quantity of the paper's section 3.
 *
 * <p>Classes, channels and units are given once for every image or once per image ({@code classLogit(3)} or
 * {@code classLogit(3, 5, 1)}); rows of a pass say which image of the call they explain ({@code images[r]}):
 * copies of one image (perturbation methods) or one row per image (gradients, activation maximization).
 */
public interface Target {

    /**
     * Each named stage's whole output B_q(x) (the paper's section 3: s = ‖B_q(x + δe) − B_q(x)‖₂); no names =
     * every stage of the network. One map per stage, labelled by its name; its number is ‖B_q(x)‖₂.
     */
    static Target stages(String... names) {
        return new Stages(List.of(names));
    }

    /**
     * A channel (index along dimension 1) of a stage's output, one for every image or one per image: its feature
     * map, whose number is its mean; labelled e.g. "block3 channel 7".
     */
    static Target channel(String stage, int... channels) {
        return new Channel(stage, PerImage.of("channel", channels));
    }

    /**
     * The unit at ({@code row}, {@code column}) of a channel of a convolutional stage, one channel for all or per
     * image.
     */
    static Target neuron(String stage, int row, int column, int... channels) {
        return new Neuron(stage, row, column, PerImage.of("channel", channels));
    }

    /** The logit of a class, one for every image or one per image, in the network's output; labelled "class". */
    static Target classLogit(int... classes) {
        return new ClassLogit(PerImage.of("class", classes));
    }

    /** The label of every map, in order, for a network with these stages (a wrong stage name is named). */
    List<String> labels(List<String> stages);

    /** The stage whose output map {@code label} reads: a forward pass may stop there. */
    String stageOf(List<String> stages, int label);

    /** The index of the deepest stage any label reads. */
    default int deepestStage(List<String> stages) {
        return IntStream.range(0, labels(stages).size()).map(label -> {
            String stage = stageOf(stages, label);
            requireStage(stages, stage);
            return stages.indexOf(stage);
        }).max().orElseThrow();
    }

    /** The vector map {@code label} explains, {@code [rows, m]}; row r explains image {@code images[r]} of the call. */
    NDArray vector(Outputs outputs, int label, int[] images);

    /** One number per row, {@code [rows]}: the L2 norm of the {@link #vector} unless the target says otherwise. */
    default NDArray score(Outputs outputs, int label, int[] images) {
        return vector(outputs, label, images).norm(new int[] {1});
    }

    /** The class explained for image {@code image}, or −1 for targets that name no class. */
    default int classOf(int image) {
        return -1;
    }

    /** Checks that the target fits a call on {@code images} images (one class, channel… for all, or one per image). */
    default void checkImages(int images) {
    }

    /**
     * This target for images {@code from} … {@code to − 1} of its call only, as a call on those images alone needs
     * it (how an evaluation in batches or partitions explains each piece); targets that name nothing per image are
     * their own slice.
     */
    default Target slice(int from, int to) {
        return this;
    }

    /** The rows of a pass of {@code rows} copies of image {@code image}: what {@code images} is for such a pass. */
    static int[] copiesOf(int image, int rows) {
        int[] images = new int[rows];
        Arrays.fill(images, image);
        return images;
    }

    /** Whole stage outputs. */
    record Stages(List<String> names) implements Target {
        public Stages {
            names = List.copyOf(names);
        }

        @Override
        public List<String> labels(List<String> stages) {
            names.forEach(name -> requireStage(stages, name));
            return names.isEmpty() ? stages : names;
        }

        @Override
        public String stageOf(List<String> stages, int label) {
            return labels(stages).get(label);
        }

        @Override
        public NDArray vector(Outputs outputs, int label, int[] images) {
            NDArray out = outputs.stage(stageOf(outputs.stages(), label));
            return out.reshape(out.getShape().get(0), -1);
        }

        @Override
        public String toString() {
            return names.isEmpty() ? "every stage" : "stages " + String.join(", ", names);
        }
    }

    /** What the targets of one channel of a stage (per image) share: one map, labelled as they print, its stage. */
    interface OfChannel extends Target {
        String stage();

        PerImage channels();

        @Override
        default List<String> labels(List<String> stages) {
            requireStage(stages, stage());
            return List.of(toString());
        }

        @Override
        default String stageOf(List<String> stages, int label) {
            return stage();
        }

        @Override
        default void checkImages(int images) {
            channels().check(images);
        }
    }

    /** One channel of a stage's output per image: its feature map; its number is the map's mean. */
    record Channel(String stage, PerImage channels) implements OfChannel {
        @Override
        public NDArray vector(Outputs outputs, int label, int[] images) {
            NDArray out = outputs.stage(stage);
            long rows = out.getShape().get(0);
            long count = out.getShape().dimension() > 1 ? out.getShape().get(1) : 0;
            int[] perRow = channels.ofRows(images, count, "stage '" + stage + "' (output " + out.getShape() + ")");
            if (channels.single()) {
                return out.get(":, " + perRow[0] + ":" + (perRow[0] + 1)).reshape(rows, -1);
            }
            NDArray maps = out.reshape(rows, count, -1);
            return maps.mul(PerImage.oneHot(maps, perRow, count).expandDims(2)).sum(new int[] {1});
        }

        /** The mean of the channel's map. */
        @Override
        public NDArray score(Outputs outputs, int label, int[] images) {
            return vector(outputs, label, images).mean(new int[] {1});
        }

        @Override
        public Target slice(int from, int to) {
            return new Channel(stage, channels.slice(from, to));
        }

        @Override
        public String toString() {
            return stage + " channel" + channels.label();
        }
    }

    /** One unit of a convolutional stage's output: the channel's value at one position. */
    record Neuron(String stage, int row, int column, PerImage channels) implements OfChannel {
        @Override
        public NDArray vector(Outputs outputs, int label, int[] images) {
            NDArray out = outputs.stage(stage);
            if (out.getShape().dimension() != 4) {
                throw new IllegalArgumentException("stage '" + stage + "' has output shape " + out.getShape()
                        + ", not [batch, channels, height, width]: use Target.channel for flat stages");
            }
            long height = out.getShape().get(2);
            long width = out.getShape().get(3);
            if (row < 0 || row >= height || column < 0 || column >= width) {
                throw new IllegalArgumentException("neuron (" + row + ", " + column + ") is outside stage '" + stage
                        + "' of " + height + "x" + width + " positions");
            }
            return PerImage.pick(out.get(":, :, " + row + ", " + column), channels, images,
                    "stage '" + stage + "' (output " + out.getShape() + ")");
        }

        /** The unit's value itself, signed. */
        @Override
        public NDArray score(Outputs outputs, int label, int[] images) {
            return vector(outputs, label, images).reshape(-1);
        }

        @Override
        public Target slice(int from, int to) {
            return new Neuron(stage, row, column, channels.slice(from, to));
        }

        @Override
        public String toString() {
            return stage + " neuron (" + row + ", " + column + ") channel" + channels.label();
        }
    }

    /** The logit of one class per image (or one class for all) in the network's output. */
    record ClassLogit(PerImage classes) implements Target {
        @Override
        public List<String> labels(List<String> stages) {
            return List.of("class");
        }

        @Override
        public String stageOf(List<String> stages, int label) {
            return stages.get(stages.size() - 1);
        }

        @Override
        public NDArray vector(Outputs outputs, int label, int[] images) {
            NDArray logits = outputs.output();
            logits = logits.reshape(logits.getShape().get(0), -1);
            return PerImage.pick(logits, classes, images, "the network (" + logits.getShape().get(1) + " outputs)");
        }

        /** The logit itself, signed. */
        @Override
        public NDArray score(Outputs outputs, int label, int[] images) {
            return vector(outputs, label, images).reshape(-1);
        }

        @Override
        public int classOf(int image) {
            return classes.of(image);
        }

        @Override
        public void checkImages(int images) {
            classes.check(images);
        }

        @Override
        public Target slice(int from, int to) {
            return new ClassLogit(classes.slice(from, to));
        }

        @Override
        public String toString() {
            return classes.single() ? "class " + classes.values().get(0) : "classes " + classes.values();
        }
    }

    private static void requireStage(List<String> stages, String name) {
        if (!stages.contains(name)) {
            throw new IllegalArgumentException("no stage named '" + name + "'; this network has " + stages);
        }
    }
}
