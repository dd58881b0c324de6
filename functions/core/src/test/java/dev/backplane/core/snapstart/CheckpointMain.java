// SPDX-License-Identifier: Apache-2.0
package dev.backplane.core.snapstart;

import org.crac.Core;

/** Child JVM of {@link PrimingTest}: registers a primer, takes a checkpoint, and answers once restored. */
public final class CheckpointMain {
    public static void main(String[] args) throws Exception {
        Priming.register("probe", () -> System.out.println("primed"));
        Core.checkpointRestore();
        System.out.println("restored");
    }
}
