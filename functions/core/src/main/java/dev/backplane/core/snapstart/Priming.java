// SPDX-License-Identifier: Apache-2.0
package dev.backplane.core.snapstart;

import dev.backplane.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming in our own code. With SnapStart, Lambda initialises a published version once, takes a CRaC
 * checkpoint and restores every new instance from it: whatever runs before the checkpoint — classes loaded, JSON
 * serializers built, the SDK's marshalling, signing and HTTP path exercised — is paid once, not by each first
 * request. Primers run in {@link #beforeCheckpoint}; nothing runs on restore (Spring Cloud Function's published
 * priming hook, which acts around restore, is reported to hang there on Java 25). A primer that fails costs only
 * its warm-up: it is logged at DEBUG and the checkpoint goes on. Without a checkpoint (devstack, tests, Lambda
 * without SnapStart) primers never run.
 */
public final class Priming implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
    /** CRaC holds registered resources weakly: this reference keeps ours for the life of the JVM. */
    private static final Priming GLOBAL = new Priming();

    static {
        GLOBAL.add("json", () -> Json.read(Json.write(Map.of("primed", List.of(1, "two", true))), Map.class));
        Core.getGlobalContext().register(GLOBAL);
    }

    private final Map<String, Runnable> primers = new LinkedHashMap<>();

    Priming() {}

    /** Runs {@code primer} before a SnapStart checkpoint; a later primer under the same name replaces it. */
    public static void register(String name, Runnable primer) { GLOBAL.add(name, primer); }

    synchronized void add(String name, Runnable primer) { primers.put(name, primer); }

    /** Runs every primer once; returns the names of those that failed. */
    synchronized List<String> prime() {
        List<String> failed = new ArrayList<>();
        for (var e : primers.entrySet()) {
            try {
                e.getValue().run();
            } catch (RuntimeException | LinkageError ex) {
                failed.add(e.getKey());
                LOG.debug("priming {} failed: {}", e.getKey(), ex.toString());
            }
        }
        return failed;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) { prime(); }

    @Override
    public void afterRestore(Context<? extends Resource> context) {}
}
