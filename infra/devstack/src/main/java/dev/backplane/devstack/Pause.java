package dev.backplane.devstack;

import java.time.Duration;

/** Sleep for pollers: an interrupt (devstack stopping) ends the pause and is kept for the loop to see. */
public final class Pause {
    private Pause() {}

    public static void quietly(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
