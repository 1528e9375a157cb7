package senslab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProfileTest {
    @Test
    void namesParseWhateverTheirCase() {
        assertEquals(Profile.SMOKE, Profile.parse("smoke"));
        assertEquals(Profile.PAPER, Profile.parse(" Paper "));
    }

    @Test
    void anUnknownNameSaysWhichNamesExist() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Profile.parse("fast"));
        assertTrue(e.getMessage().contains("SENSLAB_PROFILE=fast") && e.getMessage().contains("smoke, quick or paper"),
                e.getMessage());
    }

    @Test
    void eachProfileReadsItsOwnValueOfARow() {
        Profile.Setting row = new Profile.Setting("test", 1, 2, 3);
        assertEquals(1, Profile.SMOKE.get(row));
        assertEquals(2, Profile.QUICK.get(row));
        assertEquals(3, Profile.PAPER.get(row));
    }

    @Test
    void theSystemPropertyChoosesTheProfile() {
        String before = System.getProperty(Profile.PROPERTY);
        try {
            System.setProperty(Profile.PROPERTY, "paper");
            assertEquals(Profile.PAPER, Profile.current());
            assertTrue(Profile.current().banner().startsWith("senslab profile: paper"));
        } finally {
            if (before == null) {
                System.clearProperty(Profile.PROPERTY);
            } else {
                System.setProperty(Profile.PROPERTY, before);
            }
        }
    }

    @Test
    void theBannerTabulatesEveryRowForEveryProfile() {
        String[] lines = Profile.SMOKE.banner().split("\n");
        assertEquals(3 + Profile.TABLE.size(), lines.length);
        assertTrue(lines[0].contains("unset: quick"), lines[0]);
        assertTrue(lines[1].startsWith("engine check: "), lines[1]);
        assertTrue(lines[2].contains("[smoke]") && lines[2].contains("quick") && !lines[2].contains("[quick]"),
                lines[2]);
        String sobol = lines[3 + Profile.TABLE.indexOf(Profile.SOBOL_SAMPLES)];
        assertTrue(sobol.matches("Sobol base samples N \\(01\\) +4,096 +65,536 +65,536"), sobol);
        String images = lines[3 + Profile.TABLE.indexOf(Profile.VGG16_IMAGES)];
        assertTrue(images.endsWith("2,000         all"), images);
        assertEquals(65_536, Profile.QUICK.get(Profile.SOBOL_SAMPLES));
        assertEquals(Profile.QUICK, Profile.DEFAULT);
    }
}
