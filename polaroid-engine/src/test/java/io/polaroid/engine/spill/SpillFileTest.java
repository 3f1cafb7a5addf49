package io.polaroid.engine.spill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.io.EveryTypeTable;
import io.polaroid.engine.io.IoTestBase;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spill files give back every type the engine has, nulls and lists included, with each batch's
 * sequence number; their bytes count against the quota while they exist; an area leaves nothing.
 */
class SpillFileTest extends IoTestBase {
    @TempDir
    Path dir;

    @Test
    void everyTypeAndEachBatchsSequenceNumberComeBack() throws IOException {
        SpillQuota quota = new SpillQuota(Long.MAX_VALUE);
        Schema lists = Schema.of(new Field("id", DataType.INT64, false), Field.of("l", DataType.list(DataType.UTF8)));
        List<List<Object>> listRows = List.of(List.of(1L, List.of("a", "bc")), java.util.Arrays.asList(2L, null),
                List.of(3L, List.of()));
        try (SpillArea area = new SpillArea(List.of(dir.toString()), quota)) {
            SpillFile every = area.newFile("every type");
            SpillFile nested = area.newFile("lists");
            try (Batch a = batch(EveryTypeTable.SCHEMA, EveryTypeTable.ROWS.subList(0, 2), 7);
                 Batch b = batch(EveryTypeTable.SCHEMA, EveryTypeTable.ROWS.subList(2, 4), 3);
                 Batch l = batch(lists, listRows, 11)) {
                every.write(a);
                every.write(b);
                nested.write(l);
            }
            every.finish();
            nested.finish();
            assertThat(every.rows()).isEqualTo(4);
            assertThat(quota.used()).isEqualTo(every.bytes() + nested.bytes()).isPositive();

            List<List<Object>> rows = new ArrayList<>();
            List<Long> seqs = new ArrayList<>();
            try (SpillFile.Reader r = every.read(allocator)) {
                for (Batch x = r.next(); x != null; x = r.next()) {
                    try {
                        assertThat(x.schema()).isEqualTo(EveryTypeTable.SCHEMA);
                        rows.addAll(rows(x));
                        seqs.add(x.seq());
                    } finally {
                        x.close();
                    }
                }
            }
            assertThat(rows).isEqualTo(EveryTypeTable.ROWS);
            assertThat(seqs).containsExactly(7L, 3L);
            try (SpillFile.Reader r = nested.read(allocator); Batch x = r.next()) {
                assertThat(rows(x)).isEqualTo(listRows);
                assertThat(x.seq()).isEqualTo(11);
                assertThat(r.next()).isNull();
            }
            every.close();
            assertThat(quota.used()).isEqualTo(nested.bytes());
            assertThat(filesUnder(dir)).hasSize(1);
        }
        assertThat(quota.used()).isZero();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.toList()).as("the area's folder is gone").isEmpty();
        }
    }

    @Test
    void aRecordOfGatheredBatchesIsReadBackAsThoseBatches() {
        try (SpillArea area = new SpillArea(List.of(dir.toString()), new SpillQuota(Long.MAX_VALUE))) {
            SpillFile f = area.newFile("gathered");
            try (Batch all = batch(EveryTypeTable.SCHEMA, EveryTypeTable.ROWS, 0);
                 Batch alone = batch(EveryTypeTable.SCHEMA, EveryTypeTable.ROWS.subList(0, 1), 2)) {
                f.write(all, new long[] {9, 4, 6}, new int[] {1, 2, EveryTypeTable.ROWS.size() - 3});
                f.write(alone);
            }
            f.finish();
            List<List<List<Object>>> batches = new ArrayList<>();
            List<Long> seqs = new ArrayList<>();
            try (SpillFile.Reader r = f.read(allocator)) {
                for (Batch x = r.next(); x != null; x = r.next()) {
                    try (Batch owned = x) {
                        batches.add(rows(owned));
                        seqs.add(owned.seq());
                    }
                }
            }
            List<List<Object>> rows = EveryTypeTable.ROWS;
            assertThat(seqs).containsExactly(9L, 4L, 6L, 2L);
            assertThat(batches).containsExactly(rows.subList(0, 1), rows.subList(1, 3), rows.subList(3, rows.size()),
                    rows.subList(0, 1));
            f.close();
        }
    }

    @Test
    void aReaderClosedWithinARecordReleasesIt() {
        try (SpillArea area = new SpillArea(List.of(dir.toString()), new SpillQuota(Long.MAX_VALUE))) {
            SpillFile f = area.newFile("gathered");
            try (Batch all = batch(EveryTypeTable.SCHEMA, EveryTypeTable.ROWS, 0)) {
                f.write(all, new long[] {1, 2}, new int[] {1, EveryTypeTable.ROWS.size() - 1});
            }
            f.finish();
            try (SpillFile.Reader r = f.read(allocator); Batch first = r.next()) {
                assertThat(first.rowCount()).isEqualTo(1);
            }
            assertThat(allocator.getAllocatedMemory()).isZero();
            f.close();
        }
    }

    @Test
    void theQuotaIsSharedAndAFileThatWouldPassItFails() {
        SpillQuota quota = new SpillQuota(2048);
        try (SpillArea area = new SpillArea(List.of(dir.toString()), quota);
             Batch big = batch(EveryTypeTable.SCHEMA, EveryTypeTable.ROWS, 0)) {
            SpillFile f = area.newFile("big");
            assertThatThrownBy(() -> {
                for (int i = 0; i < 100; i++) {
                    f.write(big);
                }
            }).isInstanceOfSatisfying(PolaroidException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED))
                    .hasMessageContaining("spill quota of 2048 bytes (polaroid.spill.max-bytes");
            assertThat(quota.used()).isLessThanOrEqualTo(2048);
        }
        assertThat(quota.used()).isZero();
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
