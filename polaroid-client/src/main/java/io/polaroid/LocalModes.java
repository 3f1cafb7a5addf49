package io.polaroid;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.util.Iterator;
import java.util.ServiceLoader;

/** Finds {@link LocalMode}: there when {@code io.polaroid:polaroid-local} is on the classpath. */
final class LocalModes {
    static final String ARTIFACT = "io.polaroid:polaroid-local";

    private static volatile LocalMode found;

    private LocalModes() {
    }

    /** The local mode on the classpath, or null without polaroid-local. */
    static LocalMode find() {
        LocalMode mode = found;
        if (mode == null) {
            Iterator<LocalMode> it = ServiceLoader.load(LocalMode.class, LocalModes.class.getClassLoader()).iterator();
            if (it.hasNext()) {
                mode = it.next();
                found = mode;
            }
        }
        return mode;
    }

    /** The local mode, or an error saying that {@code what} needs polaroid-local. */
    static LocalMode require(String what) {
        LocalMode mode = find();
        if (mode == null) {
            throw missing(what);
        }
        return mode;
    }

    static PolaroidException missing(String what) {
        return new PolaroidException(ErrorCode.NOT_SUPPORTED, what + " needs the engine in this JVM, which polaroid-client"
                + " alone does not have: add " + ARTIFACT + " (it brings polaroid-engine) to the classpath."
                + " Without it, a client runs queries on a cluster only (Polaroid.connect).");
    }
}
