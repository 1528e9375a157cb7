package senslab.spark;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import senslab.data.SyntheticPatches;
import senslab.models.CifarNet;
import senslab.models.PatchNet;
import senslab.models.StagedNetwork;
import senslab.train.TrainedModel;
import senslab.train.TrainedPatchNet;

/**
 * How an executor rebuilds a trained network: its architecture, and its weights ({@code StagedNetwork.save}),
 * read from a path every worker can read (a shared folder; on one machine any path) or shipped with the job
 * as bytes ({@link #shipped()}). Checked on the driver first, so that a missing file is named before any work.
 */
public final class NetworkSource implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Builds an initialized network of one architecture, e.g. {@code CifarNet.VGG16::create}. */
    @FunctionalInterface
    public interface Architecture extends Serializable {
        StagedNetwork create();
    }

    private final String name;
    private final Architecture architecture;
    private final String path;
    private final byte[] bytes;
    private final String fingerprint;

    private NetworkSource(String name, Architecture architecture, String path, byte[] bytes, String fingerprint) {
        this.name = name;
        this.architecture = architecture;
        this.path = path;
        this.bytes = bytes;
        this.fingerprint = fingerprint;
    }

    /** A CIFAR-10 network of the paper with the weights in {@code weights}. */
    public static NetworkSource of(CifarNet net, Path weights) {
        Objects.requireNonNull(net, "net");
        return of(net.id(), net::create, weights);
    }

    /** The weights of a network trained by {@code TrainedModels.loadOrTrain}, read from its folder. */
    public static NetworkSource trained(TrainedModel model) {
        return of(model.architecture(), model.weightsFile());
    }

    /** PatchNet trained on the synthetic patches by {@code PatchModels.loadOrTrain}, read from its folder. */
    public static NetworkSource trained(TrainedPatchNet model) {
        return of("patchnet", () -> PatchNet.create(SyntheticPatches.SIZE, SyntheticPatches.CLASSES.size()),
                model.weightsFile());
    }

    /** Any staged network: {@code architecture} builds it, {@code weights} holds what {@code save} wrote. */
    public static NetworkSource of(String name, Architecture architecture, Path weights) {
        Objects.requireNonNull(architecture, "architecture");
        Path file = weights.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no weights file at " + file + " (" + name + "); train the network "
                    + "first (TrainedModels.loadOrTrain) or give the path of a file written by StagedNetwork.save");
        }
        return new NetworkSource(name, architecture, file.toString(), null, Digest.of(file));
    }

    /** The same network with its weights shipped to the executors with the job: no shared folder needed. */
    public NetworkSource shipped() {
        if (bytes != null) {
            return this;
        }
        try {
            return new NetworkSource(name, architecture, path, Files.readAllBytes(Path.of(path)), fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the weights " + path + ": " + e.getMessage(), e);
        }
    }

    /** A short name for file names and messages, e.g. {@code vgg16}. */
    public String name() {
        return name;
    }

    /** SHA-256 of the weights: results computed with other weights are never taken for these. */
    public String fingerprint() {
        return fingerprint;
    }

    /** A new network of the architecture, initialized but without these weights (e.g. to randomise a copy). */
    public StagedNetwork newNetwork() {
        return architecture.create();
    }

    /** Builds the network and loads the weights, where this runs (an executor); close it when done. */
    public StagedNetwork open() {
        StagedNetwork network = newNetwork();
        try (InputStream in = bytes != null ? new ByteArrayInputStream(bytes) : openShared()) {
            return network.load(in, bytes != null ? "the weights shipped for " + name : path);
        } catch (IOException | RuntimeException e) {
            network.close();
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new UncheckedIOException("cannot read the weights " + path + ": " + e.getMessage(), (IOException) e);
        }
    }

    private InputStream openShared() throws IOException {
        Path file = Path.of(path);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no weights file at " + path + " on " + host() + ": every worker must "
                    + "read the weights at the same path (a shared folder), or ship them with NetworkSource.shipped()");
        }
        return Files.newInputStream(file);
    }

    private static String host() {
        try {
            return "host " + InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this worker";
        }
    }

    @Override
    public String toString() {
        return name + " (weights " + (bytes != null ? "shipped, " : path + ", ") + "sha-256 "
                + fingerprint.substring(0, 12) + ")";
    }
}
