package senslab.attribution;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.stream.IntStream;
import senslab.models.StagedNetwork;

/**
 * What an {@link Attribution} explains: whole stage outputs, one channel of a stage, or a class logit. Each
 * target gives one or more labelled vectors per input row ({@link #outputs}); methods compare or differentiate
 * those, so every method explains every target the same way.
 */
public sealed interface Target permits Target.Stages, Target.Channel, Target.ClassLogit {

    /**
     * Each named stage's whole output B_q(x) (the paper's section 3: s = ‖B_q(x + δe) − B_q(x)‖₂); no names =
     * every stage of the network. One map per stage, labelled by its name.
     */
    static Target stages(String... names) {
        return new Stages(List.of(names));
    }

    /** One channel of a stage's output (a feature map of a convolutional stage); labelled e.g. "block3 channel 7". */
    static Target channel(String stage, int channel) {
        return new Channel(stage, channel);
    }

    /** The logit of a class: one class for all images, or one per image; labelled "class". */
    static Target classLogit(int... classes) {
        return new ClassLogit(IntStream.of(classes).boxed().toList());
    }

    /** The label of every map, in order; a wrong stage name gets an error naming the stages there are. */
    List<String> labels(StagedNetwork net);

    /** The index of the stage that map {@code label} reads. */
    int stageOf(StagedNetwork net, int label);

    /** The deepest stage any label reads: forward passes may stop there. */
    default int deepestStage(StagedNetwork net) {
        return IntStream.range(0, labels(net).size()).map(label -> stageOf(net, label)).max().orElseThrow();
    }

    /**
     * The vector map {@code label} explains, per row: {@code [rows, m]}, from the outputs of stages 0 … (at
     * least) {@link #stageOf} of one forward pass; {@code classOfRows} is the class the rows are explained for
     * ({@link #classOf}), ignored by targets that name no class.
     */
    NDArray outputs(StagedNetwork net, NDList stageOutputs, int label, int classOfRows);

    /**
     * A scalar per row, {@code [rows]}: the L2 norm of {@link #outputs} for stages and channels, the logit
     * itself for a class (what variance-based maps and faithfulness metrics need).
     */
    default NDArray score(StagedNetwork net, NDList stageOutputs, int label, int classOfRows) {
        return outputs(net, stageOutputs, label, classOfRows).norm(new int[] {1});
    }

    /** The class explained for image {@code image}, or −1 for targets that name no class. */
    default int classOf(int image) {
        return -1;
    }

    /** Checks that the target fits a call on {@code images} images (one class for all, or one per image). */
    default void checkImages(int images) {
    }

    /** Whole stage outputs. */
    record Stages(List<String> names) implements Target {
        public Stages {
            names = List.copyOf(names);
        }

        @Override
        public List<String> labels(StagedNetwork net) {
            names.forEach(net::indexOf);
            return names.isEmpty() ? net.stageNames() : names;
        }

        @Override
        public int stageOf(StagedNetwork net, int label) {
            return net.indexOf(labels(net).get(label));
        }

        @Override
        public NDArray outputs(StagedNetwork net, NDList stageOutputs, int label, int classOfRows) {
            NDArray out = stageOutputs.get(stageOf(net, label));
            return out.reshape(out.getShape().get(0), -1);
        }

        @Override
        public String toString() {
            return names.isEmpty() ? "every stage" : "stages " + String.join(", ", names);
        }
    }

    /** One channel (index along dimension 1) of a stage's output. */
    record Channel(String stage, int channel) implements Target {
        public Channel {
            if (channel < 0) {
                throw new IllegalArgumentException("channel must be >= 0, got " + channel);
            }
        }

        @Override
        public List<String> labels(StagedNetwork net) {
            net.indexOf(stage);
            return List.of(this.toString());
        }

        @Override
        public int stageOf(StagedNetwork net, int label) {
            return net.indexOf(stage);
        }

        @Override
        public NDArray outputs(StagedNetwork net, NDList stageOutputs, int label, int classOfRows) {
            NDArray out = stageOutputs.get(stageOf(net, label));
            long channels = out.getShape().dimension() > 1 ? out.getShape().get(1) : 0;
            if (channel >= channels) {
                throw new IllegalArgumentException("channel " + channel + " is out of range 0.." + (channels - 1)
                        + " of stage '" + stage + "' (output " + out.getShape() + ")");
            }
            return out.get(":, " + channel + ":" + (channel + 1)).reshape(out.getShape().get(0), -1);
        }

        @Override
        public String toString() {
            return stage + " channel " + channel;
        }
    }

    /** The logit of one class per image (or one class for all) in the network's last stage. */
    record ClassLogit(List<Integer> classes) implements Target {
        public ClassLogit {
            classes = List.copyOf(classes);
            if (classes.isEmpty()) {
                throw new IllegalArgumentException("name a class, or one class per image");
            }
        }

        @Override
        public List<String> labels(StagedNetwork net) {
            return List.of("class");
        }

        @Override
        public int stageOf(StagedNetwork net, int label) {
            return net.stageNames().size() - 1;
        }

        @Override
        public NDArray outputs(StagedNetwork net, NDList stageOutputs, int label, int classOfRows) {
            NDArray logits = stageOutputs.get(stageOf(net, label));
            logits = logits.reshape(logits.getShape().get(0), -1);
            long count = logits.getShape().get(1);
            if (classOfRows < 0 || classOfRows >= count) {
                throw new IllegalArgumentException("class " + classOfRows + " is out of range 0.." + (count - 1)
                        + " (the network has " + count + " outputs)");
            }
            return logits.get(":, " + classOfRows + ":" + (classOfRows + 1));
        }

        /** The logit itself, signed. */
        @Override
        public NDArray score(StagedNetwork net, NDList stageOutputs, int label, int classOfRows) {
            return outputs(net, stageOutputs, label, classOfRows).reshape(-1);
        }

        @Override
        public int classOf(int image) {
            if (classes.size() == 1) {
                return classes.get(0);
            }
            if (image < 0 || image >= classes.size()) {
                throw new IndexOutOfBoundsException("image " + image + ", but classes are given for "
                        + classes.size() + " images");
            }
            return classes.get(image);
        }

        @Override
        public void checkImages(int images) {
            if (classes.size() != 1 && classes.size() != images) {
                throw new IllegalArgumentException(classes.size() + " classes for " + images
                        + " images: give one class for all, or one per image");
            }
        }

        @Override
        public String toString() {
            return classes.size() == 1 ? "class " + classes.get(0) : "classes " + classes;
        }
    }
}
