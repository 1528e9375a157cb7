package senslab.cam;

/** What class activation maps were made with: the convolutional stage whose channels are weighted. */
public record CamSettings(String stage) {

    @Override
    public String toString() {
        return "stage " + stage;
    }
}
