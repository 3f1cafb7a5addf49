package io.polaroid.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Values;
import io.polaroid.engine.vector.Vectors;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tests of sources and writers share: files in a temporary folder, a task context on a
 * child allocator that must be empty after every test (a leaked vector fails the test), batches
 * built from rows of engine values, and a source's morsels read back into rows.
 */
public abstract class IoTestBase {
    @TempDir
    protected Path dir;
    protected final FileSystems files = new FileSystems(Map.of());
    private RootAllocator root;
    protected BufferAllocator allocator;

    @BeforeEach
    void openAllocator() {
        root = new RootAllocator();
        allocator = root.newChildAllocator("io-test", 0, Long.MAX_VALUE);
    }

    @AfterEach
    void closeAllocatorWithoutLeaks() {
        assertThat(allocator.getAllocatedMemory()).as("bytes still allocated after the test").isZero();
        allocator.close();
        root.close();
    }

    protected TaskContext context(int batchRows) {
        return new TaskContext("io-test", allocator, EngineConfig.defaults().withBatchRows(batchRows), Runnable::run, files);
    }

    /** All rows of {@code columns}, morsel after morsel, as engine values. */
    protected List<List<Object>> read(DataSource source, List<String> columns, int batchRows) {
        List<List<Object>> rows = new ArrayList<>();
        forEachBatch(source, columns, batchRows, batch -> rows.addAll(rows(batch)));
        return rows;
    }

    protected List<List<Object>> readAll(DataSource source) {
        return read(source, source.schema().names(), EngineConfig.DEFAULT_BATCH_ROWS);
    }

    protected void forEachBatch(DataSource source, List<String> columns, int batchRows, Consumer<Batch> action) {
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

    /** A batch of {@code rows} (engine values) in vectors of {@link #allocator}; the caller closes it. */
    protected Batch batch(Schema schema, List<List<Object>> rows, long seq) {
        List<FieldVector> columns = new ArrayList<>();
        try {
            for (int c = 0; c < schema.size(); c++) {
                Field field = schema.field(c);
                FieldVector v = Vectors.allocate(field.type(), field.name(), rows.size(), allocator);
                columns.add(v);
                for (int r = 0; r < rows.size(); r++) {
                    Values.set(v, r, rows.get(r).get(c), field.type());
                }
                v.setValueCount(rows.size());
            }
        } catch (RuntimeException e) {
            columns.forEach(FieldVector::close);
            throw e;
        }
        return Batch.of(schema, columns, rows.size(), seq);
    }

    protected static List<List<Object>> rows(Batch batch) {
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
    protected static AbstractThrowableAssert<?, ? extends Throwable> assertFails(ThrowingCallable call, ErrorCode code) {
        return assertThatThrownBy(call)
                .isInstanceOfSatisfying(PolaroidException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    /** A row of engine values; nulls allowed, unlike {@link List#of}. */
    protected static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    protected static int day(String iso) {
        return (int) LocalDate.parse(iso).toEpochDay();
    }
}
