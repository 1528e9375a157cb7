package senslab.metric;

import java.util.Objects;
import senslab.attribution.Attribution;

/**
 * A method under the name tables give it, e.g. {@code Method.of("Grad-CAM block3", new GradCam(net, "block3"))}.
 *
 * @param name        how tables and charts name it; metrics that rebuild a method on another network (model
 *                    randomisation) find it by this name
 * @param attribution what makes its maps
 */
public record Method(String name, Attribution attribution) {

    public Method {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(attribution, "attribution");
    }

    public static Method of(String name, Attribution attribution) {
        return new Method(name, attribution);
    }

    @Override
    public String toString() {
        return name;
    }
}
