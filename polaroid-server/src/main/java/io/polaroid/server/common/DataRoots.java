package io.polaroid.server.common;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders and object-store prefixes a server reads from. A path is allowed when, after
 * {@code ..} is resolved and symbolic links are followed (as far as the path exists), it lies in
 * a root; anything else is PERMISSION_DENIED, naming the path. A glob is checked by the folder
 * before its first wildcard, and by the real path of every file it names that exists.
 */
public final class DataRoots {
    private final List<Path> folders = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();
    private final List<String> described;

    public DataRoots(List<String> roots) {
        this.described = List.copyOf(roots);
        for (String root : roots) {
            if (root.startsWith("s3a://") || root.startsWith("s3://")) {
                prefixes.add(root.endsWith("/") ? root : root + "/");
            } else {
                folders.add(real(localPath(root)));
            }
        }
    }

    public List<String> roots() {
        return described;
    }

    public void check(String path) {
        if (path.contains("://") && !path.startsWith("file:")) {
            for (String prefix : prefixes) {
                if (path.startsWith(prefix) && !path.substring(prefix.length()).contains("..")) {
                    return;
                }
            }
            throw denied(path);
        }
        Path p = localPath(path);
        Path checked = real(globBase(p));
        if (!inAFolder(checked) || (Files.exists(p) && !inAFolder(real(p)))) {
            throw denied(path);
        }
    }

    private boolean inAFolder(Path p) {
        for (Path folder : folders) {
            if (p.startsWith(folder)) {
                return true;
            }
        }
        return false;
    }

    private PolaroidException denied(String path) {
        return new PolaroidException(ErrorCode.PERMISSION_DENIED,
                "path " + path + " is outside the data roots this server reads from: " + described);
    }

    private static Path localPath(String path) {
        Path p = path.startsWith("file:") ? Path.of(URI.create(path.startsWith("file://") ? path : "file://" + path.substring(5)))
                : Path.of(path);
        return p.toAbsolutePath().normalize();
    }

    /** The part of a path before its first wildcard. */
    private static Path globBase(Path p) {
        Path base = p.getRoot();
        for (Path part : p) {
            String s = part.toString();
            if (s.contains("*") || s.contains("?") || s.contains("[") || s.contains("{")) {
                break;
            }
            base = base.resolve(s);
        }
        return base;
    }

    /** The path with symbolic links followed for the part of it that exists. */
    private static Path real(Path p) {
        Path existing = p;
        Path rest = null;
        while (existing != null && !Files.exists(existing)) {
            Path name = existing.getFileName();
            rest = rest == null ? name : name.resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        try {
            Path realExisting = existing.toRealPath();
            return rest == null ? realExisting : realExisting.resolve(rest).normalize();
        } catch (IOException e) {
            return p;
        }
    }
}
