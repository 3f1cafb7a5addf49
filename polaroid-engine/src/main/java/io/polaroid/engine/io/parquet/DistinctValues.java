package io.polaroid.engine.io.parquet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.api.Binary;

/**
 * At most about how many distinct values a column holds, from its chunks' footer metadata alone,
 * and never more than its rows:
 * <ul>
 *   <li>integers (dates too) at most as many as the span from the smallest min to the largest max
 *       of all chunks, a bound that holds;</li>
 *   <li>a column every chunk stores with a dictionary, its dictionary pages' entries: chunks with
 *       the same min and max are taken to hold the same values (the largest of their dictionaries
 *       counts), chunks with other bounds other values (theirs add up). So a flag's dictionary
 *       counts once however many row groups repeat it, and a sorted column's add up.</li>
 * </ul>
 * A dictionary page's entries are its stored size over an entry's: the type's width or, for
 * strings, a 4-byte length and the mean length of the chunk's min and max values. That size counts
 * the page's header, so a small dictionary comes out a little high; it is compressed, so a large
 * one that compresses well comes out low. (Scaling it by the chunk's compression made a 5-entry
 * dictionary count 130: the indices compress far better than the entries.)
 */
final class DistinctValues {
    private static final int LENGTH_PREFIX = 4;

    private DistinctValues() {
    }

    static long atMost(List<ColumnChunkMetaData> chunks, long rows) {
        long span = integerSpan(chunks);
        if (span > 0) {
            return Math.min(rows, span);
        }
        Map<List<Object>, Long> entriesByBounds = new HashMap<>();
        for (ColumnChunkMetaData chunk : chunks) {
            long entries = dictionaryEntries(chunk);
            if (entries < 0) {
                return rows;
            }
            Statistics<?> stats = chunk.getStatistics();
            List<Object> bounds = stats == null || !stats.hasNonNullValue()
                    ? List.of(chunk) : List.of(stats.genericGetMin(), stats.genericGetMax());
            entriesByBounds.merge(bounds, entries, Math::max);
        }
        long entries = entriesByBounds.values().stream().mapToLong(Long::longValue).sum();
        return Math.min(rows, entries);
    }

    /** Largest max less smallest min, plus one, plus one more for nulls; 0 when a chunk is not of integers with min and max. */
    private static long integerSpan(List<ColumnChunkMetaData> chunks) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        boolean nulls = false;
        for (ColumnChunkMetaData chunk : chunks) {
            Statistics<?> stats = chunk.getStatistics();
            if (stats == null || !stats.hasNonNullValue() || !(stats.genericGetMin() instanceof Number low)
                    || !(stats.genericGetMax() instanceof Number high) || low instanceof Float || low instanceof Double) {
                return 0;
            }
            min = Math.min(min, low.longValue());
            max = Math.max(max, high.longValue());
            nulls |= stats.getNumNulls() > 0;
        }
        try {
            long values = Math.addExact(Math.subtractExact(max, min), 1);
            // an unsigned column's min may read as the larger number: no span then
            return values <= 0 ? 0 : Math.addExact(values, nulls ? 1 : 0);
        } catch (ArithmeticException wide) {
            return 0;
        }
    }

    /** Whether the footer says every data page of the chunk is dictionary encoded (the dictionary held every value). */
    static boolean dictionaryOnly(ColumnChunkMetaData chunk) {
        EncodingStats encodings = chunk.getEncodingStats();
        return chunk.getDictionaryPageOffset() > 0 && encodings != null && !encodings.hasNonDictionaryEncodedPages();
    }

    /** -1 unless the chunk is {@link #dictionaryOnly}. */
    private static long dictionaryEntries(ColumnChunkMetaData chunk) {
        if (!dictionaryOnly(chunk)) {
            return -1;
        }
        double stored = chunk.getFirstDataPageOffset() - chunk.getDictionaryPageOffset();
        return (long) Math.ceil(stored / entryBytes(chunk));
    }

    private static double entryBytes(ColumnChunkMetaData chunk) {
        return switch (chunk.getPrimitiveType().getPrimitiveTypeName()) {
            case INT32, FLOAT -> 4;
            case INT64, DOUBLE -> 8;
            case INT96 -> 12;
            case FIXED_LEN_BYTE_ARRAY -> Math.max(1, chunk.getPrimitiveType().getTypeLength());
            case BOOLEAN -> 1;
            case BINARY -> LENGTH_PREFIX + meanBoundLength(chunk.getStatistics());
        };
    }

    private static double meanBoundLength(Statistics<?> stats) {
        if (stats == null || !stats.hasNonNullValue() || !(stats.genericGetMin() instanceof Binary min)
                || !(stats.genericGetMax() instanceof Binary max)) {
            return 0;
        }
        return (min.length() + max.length()) / 2.0;
    }
}
