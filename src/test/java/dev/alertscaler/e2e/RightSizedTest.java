package dev.alertscaler.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The right-sized reference: the need at once, then the window, then 25 % per period. */
class RightSizedTest {

    /** One sample a second, need 7 for [0, 100) then 1, window 300 s, period 60 s. */
    @Test
    void holdsTheNeedForTheWindowThenStepsDownAtTheHpaRate() {
        double[] t = IntStream.rangeClosed(0, 1000).asDoubleStream().toArray();
        int[] need = IntStream.rangeClosed(0, 1000).map(s -> s < 100 ? 7 : 1).toArray();

        int[] r = RightSized.replicas(t, need, 300, 60);

        assertEquals(7, r[0]);
        assertEquals(7, r[398], "the need of 7 at 99 s is inside the window until 399 s");
        assertEquals(5, r[399], "7 × 75 % = 5.25, truncated");
        assertEquals(5, r[458]);
        assertEquals(3, r[459]);
        assertEquals(2, r[519]);
        assertEquals(1, r[579]);
        assertEquals(1, r[1000]);
    }

    @Test
    void followsARisingNeedAtOnce() {
        double[] t = {0, 1, 2, 3};
        int[] r = RightSized.replicas(t, new int[] {1, 3, 4, 7}, 300, 60);
        assertArrayEquals(new int[] {1, 3, 4, 7}, r);
    }

    @Test
    void aNeedThatReturnsInsideTheWindowKeepsTheCount() {
        double[] t = IntStream.rangeClosed(0, 400).asDoubleStream().toArray();
        int[] need = IntStream.rangeClosed(0, 400).map(s -> s < 10 || (s >= 200 && s < 210) ? 4 : 1).toArray();
        int[] r = RightSized.replicas(t, need, 300, 60);
        assertEquals(4, r[399]);
        assertEquals(4, r[400], "the window counts from the need's return at 209");
    }
}
