package io.polaroid.engine.io.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polaroid.engine.dsl.CsvOptions;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.exec.Batch;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.engine.session.EngineConfig;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Values;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the CSV tests share: files in a temporary folder, a task context on a child allocator that
 * must be empty after every test (a leaked vector fails the test), and reading a source's
 * morsels into rows of engine values.
 */
abstract class CsvTestBase {
    @TempDir
    Path dir;
    final FileSystems files = new FileSystems(Map.of());
    private RootAllocator root;
    BufferAllocator allocator;

    @BeforeEach
    void openAllocator() {
        root = new RootAllocator();
        allocator = root.newChildAllocator("csv-test", 0, Long.MAX_VALUE);
    }

    @AfterEach
    void closeAllocatorWithoutLeaks() {
        assertThat(allocator.getAllocatedMemory()).as("bytes still allocated after the test").isZero();
        allocator.close();
        root.close();
    }

    /** Writes {@code text} to {@code name} under the temporary folder (sub-folders allowed); returns its path. */
    String file(String name, String text) throws IOException {
        Path path = dir.resolve(name);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text, StandardCharsets.UTF_8);
        return path.toString();
    }

    CsvSource source(String path, CsvOptions options) {
        return new CsvSource(List.of(path), options, files);
    }

    TaskContext context(int batchRows) {
        return new TaskContext("csv-test", allocator, EngineConfig.defaults().withBatchRows(batchRows), Runnable::run, files);
    }

    List<List<Object>> readAll(CsvSource source) {
        return read(source, source.schema().names(), EngineConfig.DEFAULT_BATCH_ROWS);
    }

    /** All rows of {@code columns}, morsel after morsel, as engine values. */
    List<List<Object>> read(CsvSource source, List<String> columns, int batchRows) {
        List<List<Object>> rows = new ArrayList<>();
        forEachBatch(source, columns, batchRows, batch -> rows.addAll(rows(batch)));
        return rows;
    }

    void forEachBatch(CsvSource source, List<String> columns, int batchRows, Consumer<Batch> action) {
        TaskContext ctx = context(batchRows);
        for (Morsel morsel : source.morsels(columns, List.of())) {
            try (Morsel.BatchReader reader = morsel.open(columns, ctx)) {
                for (Batch next = reader.next(); next != null; next = reader.next()) {
                    try (Batch batch = next) {
                        action.accept(batch);
                    }
                }
            }
        }
    }

    static List<List<Object>> rows(Batch batch) {
        Schema schema = batch.schema();
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < batch.rowCount(); r++) {
            List<Object> row = new ArrayList<>();
            for (int c = 0; c < schema.size(); c++) {
                row.add(Values.get(batch.column(c), r, schema.field(c).type()));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Asserts that {@code call} fails with a PolaroidException of {@code code}; the message is left to the caller. */
    static AbstractThrowableAssert<?, ? extends Throwable> assertFails(ThrowingCallable call, ErrorCode code) {
        return assertThatThrownBy(call)
                .isInstanceOfSatisfying(PolaroidException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    /** A row of engine values; nulls allowed, unlike {@link List#of}. */
    static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    static int day(String iso) {
        return (int) LocalDate.parse(iso).toEpochDay();
    }
}
