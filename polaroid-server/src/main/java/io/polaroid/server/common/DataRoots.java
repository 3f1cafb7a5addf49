package io.polaroid.server.common;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.io.fs.PathGuard;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The folders and object-store prefixes a server reads from, as the engine's {@link PathGuard}:
 * the engine asks it about the path a user wrote, every folder it lists (also while expanding a
 * glob) and every file it finds, before the file system answers.
 *
 * <p>A local path is allowed when it is inside a root both as written (after {@code ..} is
 * resolved, as Hadoop resolves it) and where it really leads, with every symbolic link followed
 * (also a dangling one; see {@link RealPaths}) and, if it exists, by {@link Path#toRealPath}. An
 * object-store key is allowed when its bucket and key prefix match (see
 * {@link ObjectStorePrefix}). Anything else is PERMISSION_DENIED with one message that names the
 * path as the user wrote it and the roots, never what it resolved to, so a denied path that
 * exists and one that does not answer alike. A scheme the server does not read is INVALID_PLAN.
 */
public final class DataRoots implements PathGuard {
    private final List<LocalRoot> folders = new ArrayList<>();
    private final List<ObjectStorePrefix> prefixes = new ArrayList<>();
    private final List<String> described;

    /** A root folder as configured (absolute, normalized) and where it really is. */
    private record LocalRoot(Path asConfigured, Path real) {
        boolean contains(Path p) {
            return p.startsWith(asConfigured) || p.startsWith(real);
        }
    }

    public DataRoots(List<String> roots) {
        this.described = List.copyOf(roots);
        for (String root : roots) {
            if (ObjectStorePrefix.isObjectStore(root)) {
                prefixes.add(ObjectStorePrefix.parse(root));
            } else {
                Path folder = localRoot(root);
                folders.add(new LocalRoot(folder, RealPaths.follow(folder).orElse(folder)));
            }
        }
    }

    public List<String> roots() {
        return described;
    }

    @Override
    public void check(String asWritten, org.apache.hadoop.fs.Path path) {
        URI uri = path.toUri();
        String scheme = uri.getScheme();
        if ("file".equals(scheme)) {
            if (!localAllowed(uri.getPath())) {
                throw denied(asWritten);
            }
        } else if (scheme != null && ObjectStorePrefix.SCHEMES.contains(scheme)) {
            if (prefixes.stream().noneMatch(prefix -> prefix.contains(asWritten, uri))) {
                throw denied(asWritten);
            }
        } else {
            throw new PolaroidException(ErrorCode.INVALID_PLAN, "path " + asWritten + " has the scheme '" + scheme
                    + "'; this server reads local paths and s3a:// URIs under its data roots " + described);
        }
    }

    private boolean localAllowed(String localPath) {
        Path p;
        try {
            p = Path.of(localPath).normalize();
        } catch (InvalidPathException e) {
            return false;
        }
        if (!p.isAbsolute() || !inARoot(p)) {
            return false;
        }
        Optional<Path> real = RealPaths.follow(p);
        if (real.isEmpty() || !inARoot(real.get())) {
            return false;
        }
        return RealPaths.ofExisting(p).map(this::inARoot).orElse(true);
    }

    private boolean inARoot(Path p) {
        return folders.stream().anyMatch(root -> root.contains(p));
    }

    private PolaroidException denied(String asWritten) {
        return new PolaroidException(ErrorCode.PERMISSION_DENIED,
                "path " + asWritten + " is outside the data roots this server reads from: " + described);
    }

    private static Path localRoot(String root) {
        String local = root.startsWith("file:") ? URI.create(root).getPath() : root;
        if (local == null) {
            throw new IllegalArgumentException("data root " + root + " is not a folder or file:///folder");
        }
        return Path.of(local).toAbsolutePath().normalize();
    }
}
