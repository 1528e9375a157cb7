package senslab.spark;

import java.io.Serializable;
import senslab.attribution.Target;

/**
 * What the maps of a partition's images explain, made where the partition runs from the images' labels (a
 * {@link Target} holds no settings that travel): by default each image's own class logit.
 */
@FunctionalInterface
public interface LabelTarget extends Serializable {

    /** The target of images whose labels are {@code labels}, in order. */
    Target of(int[] labels);

    /** Each image's own class: {@code Target.classLogit(labels)}. */
    static LabelTarget ownClass() {
        return new OwnClass();
    }

    /** Each image's own class logit. */
    record OwnClass() implements LabelTarget {
        private static final long serialVersionUID = 1L;

        @Override
        public Target of(int[] labels) {
            return Target.classLogit(labels);
        }

        @Override
        public String toString() {
            return "each image's own class logit";
        }
    }
}
