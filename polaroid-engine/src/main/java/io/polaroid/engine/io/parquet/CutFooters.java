package io.polaroid.engine.io.parquet;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Footers cut to one row group, as a coordinator sends them to workers with each task that reads
 * the row group. A coordinator encodes each row group's once (as long as its file's footer is
 * cached) and a worker decodes each once, rather than once per task of every query: on TPC-H at
 * SF1 the encoding alone was a fifth of a coordinator's CPU.
 */
final class CutFooters {
    private static final int MAX_DECODED = 4096;

    /** By row group (compared by identity), of the footers {@link FooterCache} holds. */
    private static final Map<BlockMetaData, byte[]> ENCODED = Collections.synchronizedMap(new WeakHashMap<>());

    private record Key(String path, long length, long modified, byte[] footer) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && path.equals(k.path) && length == k.length && modified == k.modified
                    && Arrays.equals(footer, k.footer);
        }

        @Override
        public int hashCode() {
            return path.hashCode() * 31 + Arrays.hashCode(footer);
        }
    }

    private static final Map<Key, ParquetFile> DECODED = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, ParquetFile> eldest) {
            return size() > MAX_DECODED;
        }
    };

    private CutFooters() {
    }

    /** {@code footer} cut to {@code block}, one of its row groups, in Parquet's own encoding. */
    static byte[] encode(ParquetMetadata footer, BlockMetaData block) {
        return ENCODED.computeIfAbsent(block, b -> FooterBytes.write(new ParquetMetadata(footer.getFileMetaData(), List.of(b))));
    }

    /** The file {@code status} as its cut footer {@code bytes} describes it. */
    static ParquetFile decode(FileStatus status, byte[] bytes) {
        Key key = new Key(status.getPath().toString(), status.getLen(), status.getModificationTime(), bytes);
        ParquetFile file;
        synchronized (DECODED) {
            file = DECODED.get(key);
        }
        if (file == null) {
            file = ParquetFile.of(status, FooterBytes.read(bytes));
            synchronized (DECODED) {
                DECODED.put(key, file);
            }
        }
        return file;
    }
}
