package dev.backplane.devstack.logs;

/** Where devstack writes function and system log lines (the console by default; tests capture them). */
public interface LogSink {
    /** One line of output of function {@code source} (a logical id), or of devstack itself when source is "devstack". */
    void line(String source, String text);

    default void system(String text) { line("devstack", text); }
}
