package io.polaroid.engine.io.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.io.IoTestBase;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.types.TimeUnit;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;

/**
 * Data written by Arrow's own writers, with the types other producers use that Polaroid has no
 * vector of (unsigned integers, large strings, millisecond dates, dictionary-encoded strings, an
 * empty time zone), reads as the engine's types with the same values.
 */
class IpcArrowReferenceTest extends IoTestBase {
    private static final long DAY_MS = 86_400_000L;
    private static final DictionaryEncoding CITY_ENCODING = new DictionaryEncoding(7L, false, null);

    @Test
    void readsAFileOfOtherTypesThatArrowsFileWriterWrote() throws Exception {
        String path = dir.resolve("reference.arrow").toString();
        try (VarCharVector cities = strings("cities", "Paris", "東京", "Zürich");
             VectorSchemaRoot root = VectorSchemaRoot.create(referenceSchema(), allocator);
             FileOutputStream out = new FileOutputStream(path);
             ArrowFileWriter writer = new ArrowFileWriter(root, provider(cities), out.getChannel())) {
            writer.start();
            fill(root, 0, 3);
            writer.writeBatch();
            fill(root, 3, 2);
            writer.writeBatch();
            writer.end();
        }
        IpcSource source = new IpcSource(List.of(path), files);

        assertThat(source.schema()).isEqualTo(Schema.of(
                Field.of("u8", DataType.INT16), Field.of("u16", DataType.INT32), Field.of("u32", DataType.INT64),
                Field.of("large", DataType.UTF8), Field.of("day", DataType.timestamp(TimeUnit.MILLISECOND, null)),
                Field.of("city", DataType.UTF8), Field.of("ts", DataType.timestamp(TimeUnit.MICROSECOND, null)),
                new Field("n", DataType.INT64, false)));
        assertThat(read(source, source.schema().names(), 2)).containsExactly(
                row(255L, 65_535L, 4_294_967_295L, "large 0 ünïcode", 0L, "Paris", 0L, 0L),
                row(null, null, null, null, null, null, null, 1L),
                row(2L, 2L, 2L, "", 2 * DAY_MS, "Zürich", 2L, 2L),
                row(null, null, null, null, null, null, null, 3L),
                row(4L, 4L, 4L, "large 4 ünïcode", 4 * DAY_MS, "Paris", 4L, 4L));
        assertThat(source.statistics().rows()).isEqualTo(5);
    }

    @Test
    void eachBatchOfAStreamReadsWithTheDictionaryItWasWrittenWith() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (VarCharVector cities = strings("cities", "Paris", "東京", "Zürich");
             VectorSchemaRoot root = VectorSchemaRoot.create(referenceSchema(), allocator);
             ArrowStreamWriter writer = new ArrowStreamWriter(root, provider(cities), bytes)) {
            writer.start();
            fill(root, 0, 3);
            writer.writeBatch();
            set(cities, "Lyon", "東京", "Zürich"); // a replacement dictionary goes out before the next batch
            writer.writeBatch();
            writer.end();
        }
        MemorySource source = new MemorySource(bytes.toByteArray());

        assertThat(source.describe()).isEqualTo("in-memory [6 rows]");
        assertThat(read(source, List.of("n", "city", "large"), 2)).containsExactly(
                row(0L, "Paris", "large 0 ünïcode"), row(1L, null, null), row(2L, "Zürich", ""),
                row(0L, "Lyon", "large 0 ünïcode"), row(1L, null, null), row(2L, "Zürich", ""));
    }

    private static org.apache.arrow.vector.types.pojo.Schema referenceSchema() {
        return new org.apache.arrow.vector.types.pojo.Schema(List.of(
                arrowField("u8", new ArrowType.Int(8, false), null),
                arrowField("u16", new ArrowType.Int(16, false), null),
                arrowField("u32", new ArrowType.Int(32, false), null),
                arrowField("large", ArrowType.LargeUtf8.INSTANCE, null),
                arrowField("day", new ArrowType.Date(org.apache.arrow.vector.types.DateUnit.MILLISECOND), null),
                arrowField("city", new ArrowType.Int(32, true), CITY_ENCODING),
                arrowField("ts", new ArrowType.Timestamp(org.apache.arrow.vector.types.TimeUnit.MICROSECOND, ""), null),
                new org.apache.arrow.vector.types.pojo.Field("n", new FieldType(false, new ArrowType.Int(64, true), null), null)));
    }

    private static org.apache.arrow.vector.types.pojo.Field arrowField(String name, ArrowType type, DictionaryEncoding encoding) {
        return new org.apache.arrow.vector.types.pojo.Field(name, new FieldType(true, type, encoding), null);
    }

    /** Rows {@code first ..} of the reference table: every other row (odd n) is null but for n. */
    private static void fill(VectorSchemaRoot root, int first, int count) {
        root.allocateNew();
        for (int i = 0; i < count; i++) {
            int n = first + i;
            ((BigIntVector) root.getVector("n")).setSafe(i, n);
            if (n % 2 == 1) {
                continue;
            }
            ((UInt1Vector) root.getVector("u8")).setSafe(i, n == 0 ? 255 : n);
            ((UInt2Vector) root.getVector("u16")).setSafe(i, n == 0 ? 65_535 : n);
            ((UInt4Vector) root.getVector("u32")).setSafe(i, n == 0 ? -1 : n);
            ((LargeVarCharVector) root.getVector("large")).setSafe(i, (n == 2 ? "" : "large " + n + " ünïcode").getBytes(StandardCharsets.UTF_8));
            ((DateMilliVector) root.getVector("day")).setSafe(i, n * DAY_MS);
            ((IntVector) root.getVector("city")).setSafe(i, n % 4 == 0 ? 0 : 2);
            ((TimeStampMicroTZVector) root.getVector("ts")).setSafe(i, n);
        }
        root.setRowCount(count);
    }

    private VarCharVector strings(String name, String... values) {
        VarCharVector v = new VarCharVector(name, allocator);
        set(v, values);
        return v;
    }

    private static void set(VarCharVector v, String... values) {
        v.reset();
        for (int i = 0; i < values.length; i++) {
            v.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
        }
        v.setValueCount(values.length);
    }

    private static DictionaryProvider provider(FieldVector cities) {
        return new DictionaryProvider.MapDictionaryProvider(new Dictionary(cities, CITY_ENCODING));
    }

}
