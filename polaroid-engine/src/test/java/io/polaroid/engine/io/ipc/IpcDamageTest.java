package io.polaroid.engine.io.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.exec.Batch;
import io.polaroid.engine.io.EveryTypeTable;
import io.polaroid.engine.io.IoTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void aDamagedFileFailsCleanly() throws Exception {
        damageFile(Files.readAllBytes(Path.of(write("good.arrow"))), "damaged.arrow");
    }

    @Test
    void aDamagedStreamFileFailsCleanly() throws Exception {
        damageFile(streamBytes(), "damaged.ipc");
    }

    @Test
    void aDamagedInMemoryStreamFailsCleanly() throws Exception {
        damage(streamBytes(), bytes -> readAll(new MemorySource(bytes)),
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

    private String write(String name) {
        String path = dir.resolve(name).toString();
        try (Batch first = batch(EveryTypeTable.SCHEMA, EveryTypeTable.ROWS.subList(0, 2), 0);
             Batch second = batch(EveryTypeTable.SCHEMA, EveryTypeTable.ROWS.subList(2, 4), 1)) {
            IpcWriter.write(EveryTypeTable.SCHEMA, List.of(first, second), path, files);
        }
        return path;
    }

    private byte[] streamBytes() {
        try (Batch first = batch(EveryTypeTable.SCHEMA, EveryTypeTable.ROWS.subList(0, 2), 0);
             Batch second = batch(EveryTypeTable.SCHEMA, EveryTypeTable.ROWS.subList(2, 4), 1)) {
            return IpcWriter.toStreamBytes(EveryTypeTable.SCHEMA, List.of(first, second), allocator);
        }
    }
}
