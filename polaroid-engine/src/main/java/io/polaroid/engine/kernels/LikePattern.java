package io.polaroid.engine.kernels;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;

/**
 * A compiled SQL LIKE pattern: {@code %} matches any characters, {@code _} exactly one. The
 * pattern is split at {@code %} into segments; the first must match at the start, the last at the
 * end, and the middle ones are found left to right (leftmost matches are always best for LIKE).
 */
public final class LikePattern {
    private final byte[][] segments;
    private final boolean anchoredStart;
    private final boolean anchoredEnd;
    private final boolean hasUnderscore;

    public LikePattern(String pattern) {
        List<byte[]> parts = new ArrayList<>();
        for (String part : pattern.split("%", -1)) {
            parts.add(part.getBytes(StandardCharsets.UTF_8));
        }
        this.anchoredStart = !pattern.startsWith("%");
        this.anchoredEnd = !pattern.endsWith("%");
        this.hasUnderscore = pattern.indexOf('_') >= 0;
        // Empty segments between consecutive %s carry no constraint.
        List<byte[]> kept = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            boolean edge = i == 0 || i == parts.size() - 1;
            if (parts.get(i).length > 0 || edge) {
                kept.add(parts.get(i));
            }
        }
        this.segments = kept.toArray(byte[][]::new);
    }

    public boolean matches(ArrowBuf data, long start, int len) {
        if (segments.length == 1) {
            // no % at all: the whole text must match the single segment
            return matchAt(data, start, len, 0, segments[0]) == len;
        }
        int pos = 0;
        int firstMiddle = 0;
        int lastMiddle = segments.length;
        if (anchoredStart) {
            int end = matchAt(data, start, len, 0, segments[0]);
            if (end < 0) {
                return false;
            }
            pos = end;
            firstMiddle = 1;
        } else if (segments[0].length == 0) {
            firstMiddle = 1;
        }
        int tailStart = len;
        if (anchoredEnd) {
            byte[] last = segments[segments.length - 1];
            tailStart = findSuffix(data, start, len, last, pos);
            if (tailStart < 0) {
                return false;
            }
            lastMiddle = segments.length - 1;
        } else if (segments[segments.length - 1].length == 0) {
            lastMiddle = segments.length - 1;
        }
        for (int s = firstMiddle; s < lastMiddle; s++) {
            int found = find(data, start, tailStart, segments[s], pos);
            if (found < 0) {
                return false;
            }
            pos = found;
        }
        return pos <= tailStart;
    }

    /** Matches {@code segment} at byte {@code at}; returns the end position or -1. */
    private int matchAt(ArrowBuf data, long start, int len, int at, byte[] segment) {
        if (!hasUnderscore) {
            if (at + segment.length > len || !StringKernels.equalsAt(data, start + at, segment)) {
                return -1;
            }
            return at + segment.length;
        }
        int p = at;
        for (int k = 0; k < segment.length; k++) {
            if (p >= len) {
                return -1;
            }
            if (segment[k] == '_') {
                p += StringKernels.charLength(data.getByte(start + p));
            } else {
                if (data.getByte(start + p) != segment[k]) {
                    return -1;
                }
                p++;
            }
        }
        return p <= len ? p : -1;
    }

    /** The end of the leftmost match of {@code segment} starting at or after {@code from}, within {@code limit}. */
    private int find(ArrowBuf data, long start, int limit, byte[] segment, int from) {
        if (!hasUnderscore) {
            int at = StringKernels.indexOf(data, start, limit, segment, from);
            return at < 0 ? -1 : at + segment.length;
        }
        for (int p = from; p <= limit; p++) {
            int end = matchAt(data, start, limit, p, segment);
            if (end >= 0) {
                return end;
            }
        }
        return -1;
    }

    /** Where {@code segment} must start so that it ends the text, no earlier than {@code from}; -1 if it does not. */
    private int findSuffix(ArrowBuf data, long start, int len, byte[] segment, int from) {
        if (!hasUnderscore) {
            int at = len - segment.length;
            return at >= from && StringKernels.equalsAt(data, start + at, segment) ? at : -1;
        }
        for (int at = len; at >= from; at--) {
            if (matchAt(data, start, len, at, segment) == len) {
                return at;
            }
        }
        return -1;
    }
}
