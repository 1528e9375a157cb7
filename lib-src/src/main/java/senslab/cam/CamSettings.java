package senslab.cam;

import senslab.attribution.MethodSettings;

/** What class activation maps were made with: the convolutional stage whose channels are weighted. */
public record CamSettings(String stage) implements MethodSettings {

    @Override
    public String toString() {
        return "stage " + stage;
    }
}
