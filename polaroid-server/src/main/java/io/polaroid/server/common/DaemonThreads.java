package io.polaroid.server.common;

import java.util.concurrent.ThreadFactory;

/** Threads of the server's own timers and pools: named, and never keeping the process alive. */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
