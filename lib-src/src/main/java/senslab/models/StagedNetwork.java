package senslab.models;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network cut into named stages (VGG-16: {@code block1} … {@code block5}, {@code logits}), so that
 * every stage's output comes from <em>one</em> forward pass, and the stages after any one of them can be
 * run on an activation of its own (how gradients with respect to an inner layer are taken: Grad-CAM,
 * activation maximization of an inner channel). The parameters live in one DJL {@link #block()}.
 *
 * <p>A network built here owns the native memory of its parameters once {@link #initialize}d or
 * {@link #load}ed: close it when done. The short methods without a {@link ParameterStore} run inference
 * ({@code training = false}); inputs are {@code [batch, channels, height, width]} float32 arrays.
 */
public final class StagedNetwork implements AutoCloseable {
    private final SequentialBlock stages = new SequentialBlock();
    private final List<String> names;
    private Shape inputShape;
    private NDManager parameters;
    private ParameterStore store;
    private AutoCloseable owner;

    /** Stages in forward order; the last one's output is the network's output (logits). */
    public StagedNetwork(Map<String, Block> namedStages) {
        if (namedStages.isEmpty()) {
            throw new IllegalArgumentException("a staged network needs at least one stage");
        }
        namedStages.values().forEach(stages::add);
        names = Collections.unmodifiableList(new ArrayList<>(namedStages.keySet()));
    }

    /** Starts an ordered description of stages: {@code StagedNetwork.builder().stage("block1", b1)...}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The DJL block holding every parameter (initialize, save and load weights through it). */
    public Block block() {
        return stages;
    }

    public List<String> stageNames() {
        return names;
    }

    /** The index of a stage by name, with a clear error naming the stages there are. */
    public int indexOf(String stage) {
        int index = names.indexOf(stage);
        if (index < 0) {
            throw new IllegalArgumentException("no stage named '" + stage + "'; this network has " + names);
        }
        return index;
    }

    /**
     * Creates the parameters (DJL's default initializers; seed them with
     * {@code Engine.getInstance().setRandomSeed}) for inputs of one image's shape {@code [c, h, w]}.
     */
    public StagedNetwork initialize(Shape imageShape) {
        if (parameters != null) {
            throw new IllegalStateException("this network is already initialized");
        }
        inputShape = imageShape;
        parameters = NDManager.newBaseManager();
        stages.initialize(parameters, DataType.FLOAT32, new Shape(1).addAll(imageShape));
        store = new ParameterStore(parameters, false);
        return this;
    }

    /** One image's shape {@code [c, h, w]}, as given to {@link #initialize}. */
    public Shape imageShape() {
        requireReady();
        return inputShape;
    }

    /** The manager holding the parameters (optimizer state belongs there too). */
    public NDManager parameterManager() {
        requireReady();
        return parameters;
    }

    /** The store to pass to DJL forward calls (also usable under a gradient collector). */
    public ParameterStore parameterStore() {
        requireReady();
        return store;
    }

    /** Every stage's output, in order, from one forward pass. */
    public NDList forwardAll(ParameterStore store, NDArray input, boolean training) {
        return forwardThrough(store, input, names.size() - 1, training);
    }

    /**
     * The outputs of stages 0 … {@code last}, in order, from one forward pass that stops there (the stages
     * after it, e.g. VGG-16's classifier when only its blocks are studied, are not computed).
     */
    public NDList forwardThrough(ParameterStore store, NDArray input, int last, boolean training) {
        checkStage(last);
        NDList outputs = new NDList(last + 1);
        run(store, input, 0, last, training, outputs);
        return outputs;
    }

    /**
     * The outputs of stages {@code from + 1} … {@code last}, in order, of a pass that resumes from
     * {@code activation} in place of stage {@code from}'s output (how gradients with respect to an inner layer are
     * taken: the activation is a leaf of its own); empty when {@code last == from}.
     */
    public NDList forwardFrom(ParameterStore store, int from, NDArray activation, int last, boolean training) {
        checkStage(from);
        checkStage(last);
        NDList outputs = new NDList(Math.max(0, last - from));
        run(store, activation, from + 1, last, training, outputs);
        return outputs;
    }

    /**
     * Runs stages {@code first} … {@code last} on {@code input}, adding each one's output, named, to {@code outputs}.
     */
    private void run(ParameterStore store, NDArray input, int first, int last, boolean training, NDList outputs) {
        NDList current = new NDList(input);
        for (int i = first; i <= last; i++) {
            current = stages.getChildren().get(i).getValue().forward(store, current, training);
            NDArray output = current.singletonOrThrow();
            output.setName(names.get(i));
            outputs.add(output);
        }
    }

    private void checkStage(int index) {
        if (index < 0 || index >= names.size()) {
            throw new IndexOutOfBoundsException("stage " + index + " of " + names.size() + " " + names);
        }
    }

    /** Every stage's output, in order, from one inference pass. */
    public NDList forwardAll(NDArray input) {
        return forwardAll(parameterStore(), input, false);
    }

    /** Each stage's output shape for a batch of {@code batch} images, by stage name. */
    public Map<String, Shape> stageShapes(int batch) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        Shape[] current = {new Shape(batch).addAll(imageShape())};
        for (int i = 0; i < names.size(); i++) {
            current = stages.getChildren().get(i).getValue().getOutputShapes(current);
            shapes.put(names.get(i), current[0]);
        }
        return shapes;
    }

    /** The network's output from an activation of {@code stage} (inference): the stages after it applied to it. */
    public NDArray forwardAfter(String stage, NDArray activation) {
        NDList after = forwardFrom(parameterStore(), indexOf(stage), activation, names.size() - 1, false);
        return after.isEmpty() ? activation : after.get(after.size() - 1);
    }

    /** The network's output (the last stage). */
    public NDArray forward(ParameterStore store, NDArray input, boolean training) {
        return stages.forward(store, new NDList(input), training).singletonOrThrow();
    }

    /** The network's output (logits) in inference mode. */
    public NDArray forward(NDArray input) {
        return forward(parameterStore(), input, false);
    }

    /** Writes every parameter (BatchNorm running statistics included) to {@code file}, atomically. */
    public void save(Path file) {
        requireReady();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            try (DataOutputStream out =
                    new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
                stages.saveParameters(out);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the weights to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads parameters written by {@link #save} into this (initialized) network of the same architecture. */
    public StagedNetwork load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot load weights from " + file + " (" + e + ")", e);
        }
    }

    /**
     * Reads parameters written by {@link #save} from a stream (e.g. weights shipped as bytes); {@code source}
     * names it in errors.
     */
    public StagedNetwork load(InputStream weights, String source) {
        requireReady();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(weights))) {
            stages.loadParameters(parameters, in);
            // loaded arrays come without autograd: make them trainable again, as after initialize
            stages.getParameters().values().stream().filter(Parameter::requiresGradient)
                    .forEach(p -> p.getArray().setRequiresGradient(true));
            store = new ParameterStore(parameters, false); // a store caches the arrays it has handed out
            return this;
        } catch (IOException | MalformedModelException e) {
            throw new IllegalArgumentException("cannot load weights from " + source + " (" + e.getMessage()
                    + "); was it saved from a network of this architecture?", e);
        }
    }

    /**
     * Gives every weight PyTorch's default initialization, U(±1/√fan_in), as the paper's PyTorch code had
     * (DJL's default Xavier makes VGG-16's first logits about 3× larger and its early training slower).
     */
    static <B extends Block> B torchDefaultInit(B block) {
        block.setInitializer(
                new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1f),
                Parameter.Type.WEIGHT);
        return block;
    }

    /** Ties a resource (e.g. the DJL model holding a TorchScript module) to this network's life. */
    StagedNetwork ownedBy(AutoCloseable resource, Shape imageShape) {
        owner = resource;
        inputShape = imageShape;
        parameters = NDManager.newBaseManager();
        store = new ParameterStore(parameters, false);
        return this;
    }

    @Override
    public void close() {
        if (parameters != null) {
            parameters.close();
        }
        if (owner != null) {
            try {
                owner.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot release " + owner, e);
            }
        }
    }

    private void requireReady() {
        if (parameters == null) {
            throw new IllegalStateException("initialize(imageShape) or load the network first");
        }
    }

    /** Collects stages in order. */
    public static final class Builder {
        private final Map<String, Block> stages = new LinkedHashMap<>();

        public Builder stage(String name, Block block) {
            if (stages.putIfAbsent(name, block) != null) {
                throw new IllegalArgumentException("stage '" + name + "' is named twice");
            }
            return this;
        }

        public StagedNetwork build() {
            return new StagedNetwork(stages);
        }
    }
}
