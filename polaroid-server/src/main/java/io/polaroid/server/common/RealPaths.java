package io.polaroid.server.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Where a local path really leads: every symbolic link on the way is followed, also a dangling
 * one, and the part that does not exist is appended as written. Unlike {@link Path#toRealPath},
 * this answers for missing files too, so a check built on it gives the same answer whether the
 * target exists or not: the check is no oracle for what exists outside the roots.
 */
final class RealPaths {
    /** As many links as Linux follows before it gives up with ELOOP. */
    private static final int MAX_LINKS = 40;

    private RealPaths() {
    }

    /**
     * The real form of the absolute path {@code absolute}; empty when it cannot be known (a loop
     * of links, an unreadable link).
     */
    static Optional<Path> follow(Path absolute) {
        Deque<String> todo = new ArrayDeque<>();
        absolute.forEach(part -> todo.addLast(part.toString()));
        Path current = absolute.getRoot();
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.removeFirst();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                // current has no links left in it, so its parent is where the kernel would go
                current = current.getParent() == null ? current : current.getParent();
                continue;
            }
            Path next = current.resolve(name);
            if (!Files.isSymbolicLink(next)) {
                current = next;
                continue;
            }
            if (++links > MAX_LINKS) {
                return Optional.empty();
            }
            Path target;
            try {
                target = Files.readSymbolicLink(next);
            } catch (IOException | UnsupportedOperationException e) {
                return Optional.empty();
            }
            Deque<String> parts = new ArrayDeque<>();
            target.forEach(part -> parts.addFirst(part.toString()));
            parts.forEach(todo::addFirst);
            if (target.isAbsolute()) {
                current = target.getRoot();
            }
        }
        return Optional.of(current);
    }

    /** {@link Path#toRealPath} of a path that exists, else empty. */
    static Optional<Path> ofExisting(Path absolute) {
        try {
            return Files.exists(absolute) ? Optional.of(absolute.toRealPath()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
