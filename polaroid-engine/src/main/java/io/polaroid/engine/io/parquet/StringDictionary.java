package io.polaroid.engine.io.parquet;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;

/**
 * A column chunk's string dictionary on the heap: entry i is {@code bytes[starts[i] ..
 * starts[i] + lengths[i])}. Gathering from arrays lets the writer copy short strings (flags,
 * codes) in a tight loop.
 */
final class StringDictionary {
    final byte[] bytes;
    final int[] starts;
    final int[] lengths;

    StringDictionary(BaseVariableWidthVector dictionary) {
        int size = dictionary.getValueCount();
        ArrowBuf offsets = dictionary.getOffsetBuffer();
        int end = size == 0 ? 0 : offsets.getInt((long) size << 2);
        this.bytes = new byte[end];
        dictionary.getDataBuffer().getBytes(0, bytes, 0, end);
        this.starts = new int[size];
        this.lengths = new int[size];
        for (int i = 0; i < size; i++) {
            starts[i] = offsets.getInt((long) i << 2);
            lengths[i] = offsets.getInt((long) (i + 1) << 2) - starts[i];
        }
    }
}
