package dev.backplane.devstack.sandbox;

import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import java.time.Duration;

/**
 * Main class of every function JVM: ties the JVM's life to devstack's (a SIGKILLed devstack cannot stop its
 * children, so each child watches its parent and exits when it is gone), then runs the runtime interface client.
 */
public final class SandboxMain {
    /** System property carrying devstack's process id. */
    public static final String PARENT_PID = "devstack.parent.pid";

    private SandboxMain() {}

    public static void main(String[] args) throws Throwable {
        String parent = System.getProperty(PARENT_PID);
        if (parent != null) watch(Long.parseLong(parent));
        AWSLambda.main(args);
    }

    private static void watch(long pid) {
        Thread watcher = new Thread(() -> {
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(Duration.ofMillis(250));
                } catch (InterruptedException e) {
                    return;
                }
            }
            Runtime.getRuntime().halt(137); // as if killed with its parent: no shutdown hooks run against a dead devstack
        }, "devstack-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
