package senslab;

import java.util.List;
import java.util.Locale;
import senslab.engine.EngineCheck;

/**
 * How much work the notebooks do: {@code smoke} (CI, minutes), {@code quick} (the default, a laptop CPU)
 * or {@code paper} (the paper's exact settings). Chosen by the environment variable {@value #VARIABLE} (or the
 * system property {@value #PROPERTY}), read here and nowhere else; unset, it is {@link #DEFAULT}.
 *
 * <p>What a profile changes is the {@link #TABLE}, one {@link Setting} per row, read with {@link #get}; the
 * banner every notebook prints first shows it. A new profile-dependent value is a new row there.
 */
public enum Profile {
    SMOKE, QUICK, PAPER;

    public static final String VARIABLE = "SENSLAB_PROFILE";
    public static final String PROPERTY = "senslab.profile";
    /** The profile when none is chosen. */
    public static final Profile DEFAULT = QUICK;

    /** A count that depends on the profile; 0 stands for "all" (images per class, test images). */
    public record Setting(String what, int smoke, int quick, int paper) {
        /** This setting's value in {@code profile}. */
        public int in(Profile profile) {
            return switch (profile) {
                case SMOKE -> smoke;
                case QUICK -> quick;
                case PAPER -> paper;
            };
        }
    }

    /** Sobol base samples N (notebook 01; the model runs N·(2·8 + 2) times). */
    public static final Setting SOBOL_SAMPLES = new Setting("Sobol base samples N (01)", 4_096, 65_536, 65_536);
    /** Full-batch training epochs of the diabetes network (01). */
    public static final Setting DIABETES_EPOCHS = new Setting("diabetes training epochs (01)", 300, 2_000, 2_000);
    /** Epochs of the feature-reduction runs (01). */
    public static final Setting REDUCTION_EPOCHS = new Setting("feature-reduction epochs (01)", 300, 2_500, 2_500);
    /** Seeds the diabetes training is repeated over (01): seeds 0 … n − 1. */
    public static final Setting DIABETES_SEEDS = new Setting("diabetes training seeds (01)", 1, 5, 10);
    /** CIFAR-10 training epochs of VGG-16 and ResNet-18 (02–05). */
    public static final Setting CIFAR_EPOCHS = new Setting("CIFAR-10 training epochs (02–05)", 2, 4, 15);
    /** CIFAR-10 training images per class for VGG-16 (0: all 5,000). */
    public static final Setting VGG16_IMAGES = new Setting("VGG-16 training images per class", 50, 2_000, 0);
    /** CIFAR-10 training images per class for ResNet-18 (0: all 5,000). */
    public static final Setting RESNET18_IMAGES = new Setting("ResNet-18 training images per class", 50, 500, 0);
    /** Test images per class the accuracy is measured on after training (0: all 1,000). */
    public static final Setting TEST_IMAGES = new Setting("CIFAR-10 test images per class evaluated", 100, 0, 0);
    /** Test images per class checked after each training epoch. */
    public static final Setting VALIDATION_IMAGES = new Setting("test images per class checked each epoch", 20, 100,
            100);
    /** The first airplanes of the test set whose maps are computed (02, 04). */
    public static final Setting AIRPLANES = new Setting("airplane images mapped (02, 04)", 2, 9, 9);
    /** Steps of activation maximization on CIFAR-10 networks (03, 04, 05 fallback, 07). */
    public static final Setting AM_STEPS = new Setting("activation maximization steps (03, 04, 07)", 20, 300, 300);
    /** Steps of activation maximization on the 224 × 224 ultrasound network (05). */
    public static final Setting ULTRASOUND_AM_STEPS = new Setting("ultrasound AM steps (05)", 20, 100, 300);
    /** Training epochs of the ultrasound VGG-16 (05). */
    public static final Setting ULTRASOUND_EPOCHS = new Setting("ultrasound training epochs (05)", 1, 2, 5);
    /** Ultrasound training images per class (0: all). */
    public static final Setting ULTRASOUND_IMAGES = new Setting("ultrasound training images per class (05)", 8, 0, 0);

    /** Training epochs of the loss-landscape networks (06). */
    public static final Setting LANDSCAPE_EPOCHS = new Setting("loss-landscape training epochs (06)", 100, 300, 300);
    /** Retrainings (seeds 0 … n − 1) of the loss-landscape networks (06). */
    public static final Setting LANDSCAPE_RETRAININGS = new Setting("loss-landscape retrainings (06)", 2, 5, 10);
    /** The first airplanes of the test set explained in notebook 07. */
    public static final Setting GLOBAL_AIRPLANES = new Setting("airplanes explained (07)", 1, 2, 9);
    /** Further classes of notebook 07, the first test image of each (1 = automobile, 2 = also bird, …). */
    public static final Setting GLOBAL_OTHER_CLASSES = new Setting("other classes explained, one image each (07)", 1, 4,
            9);
    /** Cells per side of the Sobol and HSIC maps and of the faithfulness metrics (07). */
    public static final Setting GLOBAL_GRID = new Setting("grid cells per side (07)", 4, 8, 8);
    /** Base points N of the Sobol maps: N·(grid² + 2) forward passes per image (07). */
    public static final Setting SOBOL_DESIGNS = new Setting("Sobol map designs N (07)", 8, 32, 32);
    /** Random binary masks per image of the HSIC maps (07). */
    public static final Setting HSIC_MASKS = new Setting("HSIC masks per image (07)", 64, 512, 512);
    /** Random subsets per image of μ-fidelity (07). */
    public static final Setting MU_FIDELITY_SUBSETS = new Setting("μ-fidelity subsets per image (07)", 16, 128, 128);
    /** Colour channels the finite differences of notebook 07 perturb: R, or R, G and B. */
    public static final Setting LOCAL_CHANNELS = new Setting("channels perturbed by finite differences (07)", 1, 3, 3);
    /** CIFAR-10 test images per class whose maps are computed on Spark (08). */
    public static final Setting SCALE_OUT_IMAGES = new Setting("test images per class mapped on Spark (08)", 1, 10,
            1_000);
    /** Colour channels perturbed on Spark, R first (08). */
    public static final Setting SCALE_OUT_CHANNELS = new Setting("colour channels perturbed on Spark (08)", 1, 1, 3);

    /** Synthetic-patch training images per class of the small CNN (09; 8 classes). */
    public static final Setting PATCH_IMAGES = new Setting("synthetic-patch training images per class (09)", 100, 250,
            500);
    /** Training epochs of the small CNN on the synthetic patches (09). */
    public static final Setting PATCH_EPOCHS = new Setting("synthetic-patch training epochs (09)", 2, 2, 3);
    /** Synthetic-patch test images per class, held out (09). */
    public static final Setting PATCH_TEST_IMAGES = new Setting("synthetic-patch test images per class (09)", 25, 125,
            250);

    /** CIFAR-10 test images (the first of the test set) every method and metric is evaluated on, per network (09). */
    public static final Setting TRUST_IMAGES = new Setting("CIFAR-10 test images evaluated (09)", 2, 200, 1_000);
    /** Synthetic-patch test images (the first of the held-out set) the localisation is scored on (09). */
    public static final Setting TRUST_PATCH_IMAGES = new Setting("synthetic-patch images evaluated (09)", 8, 200,
            1_000);
    /** Images whose maps the randomisation cascade recomputes after each randomised stage (09). */
    public static final Setting CASCADE_IMAGES = new Setting("images in the randomisation cascade (09)", 1, 4, 32);
    /** Path points of Integrated Gradients (09). */
    public static final Setting IG_STEPS = new Setting("Integrated Gradients steps (09)", 4, 8, 32);
    /** Noisy copies per image of SmoothGrad (09). */
    public static final Setting NOISE_SAMPLES = new Setting("SmoothGrad noise samples (09)", 2, 4, 32);
    /** Random masks per image of RISE (09). */
    public static final Setting RISE_MASKS = new Setting("RISE masks per image (09)", 16, 64, 1_000);
    /** Cells per side of deletion, insertion and μ-fidelity (09). */
    public static final Setting METRIC_GRID = new Setting("faithfulness grid cells per side (09)", 2, 4, 8);
    /** Random perturbations per image of μ-fidelity and infidelity (09). */
    public static final Setting METRIC_PERTURBATIONS = new Setting("μ-fidelity and infidelity draws per image (09)", 4,
            8, 64);
    /** Noisy copies per image of max-sensitivity and average sensitivity, each a new map (09). */
    public static final Setting ROBUSTNESS_SAMPLES = new Setting("robustness noisy copies per image (09)", 1, 2, 10);

    /** Everything a profile changes, in notebook order: the banner's table. */
    public static final List<Setting> TABLE = List.of(SOBOL_SAMPLES, DIABETES_EPOCHS, REDUCTION_EPOCHS, DIABETES_SEEDS,
            CIFAR_EPOCHS, VGG16_IMAGES, RESNET18_IMAGES, TEST_IMAGES, VALIDATION_IMAGES, AIRPLANES, AM_STEPS,
            ULTRASOUND_AM_STEPS, ULTRASOUND_EPOCHS, ULTRASOUND_IMAGES, LANDSCAPE_EPOCHS, LANDSCAPE_RETRAININGS,
            GLOBAL_AIRPLANES, GLOBAL_OTHER_CLASSES, GLOBAL_GRID, SOBOL_DESIGNS, HSIC_MASKS, MU_FIDELITY_SUBSETS,
            LOCAL_CHANNELS, SCALE_OUT_IMAGES, SCALE_OUT_CHANNELS, PATCH_IMAGES, PATCH_EPOCHS, PATCH_TEST_IMAGES,
            TRUST_IMAGES, TRUST_PATCH_IMAGES, CASCADE_IMAGES, IG_STEPS, NOISE_SAMPLES, RISE_MASKS, METRIC_GRID,
            METRIC_PERTURBATIONS, ROBUSTNESS_SAMPLES);

    /** The profile in force for this JVM. */
    public static Profile current() {
        String chosen = System.getProperty(PROPERTY, System.getenv(VARIABLE));
        return chosen == null || chosen.isBlank() ? DEFAULT : parse(chosen);
    }

    public static Profile parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(VARIABLE + "=" + name
                    + " is not a profile; use smoke, quick or paper", e);
        }
    }

    /** The value of a row of the {@link #TABLE} in this profile, e.g. {@code profile.get(Profile.AM_STEPS)}. */
    public int get(Setting setting) {
        return setting.in(this);
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The lines every notebook prints first: the profile in force, the engine check's verdict (which engine, on
     * which instructions, right or not here; see {@link EngineCheck}), and the table of what each profile changes.
     */
    public String banner() {
        StringBuilder text = new StringBuilder("senslab profile: " + label() + " (set " + VARIABLE
                + " to smoke, quick or paper to change it; unset: " + DEFAULT.label() + ")\n");
        text.append(EngineCheck.verdict().line()).append('\n');
        int width = TABLE.stream().mapToInt(s -> s.what().length()).max().orElse(0);
        text.append(String.format(Locale.ROOT, "%-" + width + "s", "what the profiles change"));
        for (Profile p : values()) {
            text.append(String.format(Locale.ROOT, "  %10s", p == this ? "[" + p.label() + "]" : p.label()));
        }
        for (Setting setting : TABLE) {
            text.append(String.format(Locale.ROOT, "%n%-" + width + "s", setting.what()));
            for (Profile p : values()) {
                int value = p.get(setting);
                text.append(String.format(Locale.ROOT, "  %10s", value == 0 ? "all" : String.format(Locale.ROOT,
                        "%,d", value)));
            }
        }
        return text.toString();
    }
}
