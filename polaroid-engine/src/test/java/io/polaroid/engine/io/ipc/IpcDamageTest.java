package io.polaroid.engine.io.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.io.EveryTypeTable;
import io.polaroid.engine.io.IoTestBase;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Damaged IPC data, one byte at a time at random places: reading either works (a damaged value
 * reads as some other value) or fails with a user error of the scan, and never leaks a buffer.
 */
class IpcDamageTest extends IoTestBase {
    private static final int DAMAGES = 300;

    /** Lists, nested too, with nulls inside, empty and null lists: their offsets and values are damaged too. */
    static final Schema LISTS = Schema.of(new Field("id", DataType.INT64, false), Field.of("l", DataType.list(DataType.INT64)),
            Field.of("s", DataType.list(DataType.UTF8)), Field.of("ll", DataType.list(DataType.list(DataType.FLOAT64))));
    static final List<List<Object>> LIST_ROWS = List.of(
            Arrays.asList(1L, Arrays.asList(1L, null, 3L), Arrays.asList("a", null), List.of(Arrays.asList(1.5, null), List.of())),
            Arrays.asList(2L, List.of(), List.of(), List.of()),
            Arrays.asList(3L, null, null, null),
            Arrays.asList(4L, List.of(5L), List.of("long enough to matter"), Arrays.asList((Object) null)));

    @Test
    void aDamagedFileFailsCleanly() throws Exception {
        damageFile(Files.readAllBytes(Path.of(write("good.arrow", EveryTypeTable.SCHEMA, EveryTypeTable.ROWS))), "damaged.arrow");
    }

    @Test
    void aDamagedStreamFileFailsCleanly() throws Exception {
        damageFile(streamBytes(EveryTypeTable.SCHEMA, EveryTypeTable.ROWS), "damaged.ipc");
    }

    @Test
    void aDamagedInMemoryStreamFailsCleanly() throws Exception {
        damage(streamBytes(EveryTypeTable.SCHEMA, EveryTypeTable.ROWS), bytes -> readAll(new MemorySource(bytes)),
                Set.of(ErrorCode.INVALID_PLAN, ErrorCode.NOT_SUPPORTED, ErrorCode.DUPLICATE_COLUMN));
    }

    @Test
    void aDamagedFileOfListsFailsCleanly() throws Exception {
        damageFile(Files.readAllBytes(Path.of(write("lists.arrow", LISTS, LIST_ROWS))), "damaged-lists.arrow");
    }

    @Test
    void aDamagedInMemoryStreamOfListsFailsCleanly() throws Exception {
        damage(streamBytes(LISTS, LIST_ROWS), bytes -> readAll(new MemorySource(bytes)),
                Set.of(ErrorCode.INVALID_PLAN, ErrorCode.NOT_SUPPORTED, ErrorCode.DUPLICATE_COLUMN));
    }

    private void damageFile(byte[] good, String name) throws Exception {
        Path damaged = dir.resolve(name);
        damage(good, bytes -> {
            Files.write(damaged, bytes);
            readAll(new IpcSource(List.of(damaged.toString()), files));
        }, Set.of(ErrorCode.INVALID_DATA, ErrorCode.NOT_SUPPORTED, ErrorCode.DUPLICATE_COLUMN));
    }

    private interface Attempt {
        void run(byte[] bytes) throws Exception;
    }

    private void damage(byte[] good, Attempt attempt, Set<ErrorCode> expected) throws Exception {
        Random random = new Random(20_240_229);
        int failures = 0;
        for (int i = 0; i < DAMAGES; i++) {
            byte[] bytes = good.clone();
            int at = random.nextInt(bytes.length);
            bytes[at] = (byte) random.nextInt(256);
            try {
                attempt.run(bytes);
            } catch (PolaroidException e) {
                failures++;
                assertThat(e.code()).as("byte %d set to %d: %s", at, bytes[at], e).isIn(expected);
            } catch (RuntimeException e) {
                fail("byte " + at + " set to " + bytes[at] + " escaped as " + e, e);
            }
            assertThat(allocator.getAllocatedMemory()).as("bytes left after damaging byte %d", at).isZero();
        }
        assertThat(failures).as("damages that were noticed").isPositive();
    }

    private String write(String name, Schema schema, List<List<Object>> rows) {
        String path = dir.resolve(name).toString();
        try (Batch first = batch(schema, rows.subList(0, 2), 0);
             Batch second = batch(schema, rows.subList(2, 4), 1)) {
            IpcFileWriter.write(schema, List.of(first, second), path, files);
        }
        return path;
    }

    private byte[] streamBytes(Schema schema, List<List<Object>> rows) {
        try (Batch first = batch(schema, rows.subList(0, 2), 0);
             Batch second = batch(schema, rows.subList(2, 4), 1)) {
            return IpcWriter.toStreamBytes(schema, List.of(first, second), allocator);
        }
    }
}
