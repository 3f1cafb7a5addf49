package io.polaroid.engine.exec;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.io.ScanContext;
import io.polaroid.engine.io.filter.JoinKeyFilter;
import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.engine.spill.SpillArea;
import io.polaroid.engine.spill.SpillFile;
import io.polaroid.engine.spill.SpillQuota;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Everything one run of a plan needs: its allocator (with the query's memory limit), threads,
 * files, state shared between partitions of an operator, its spill files, cancellation, and
 * counters. Closing it frees the shared state, deletes the spill files, and then closes the
 * allocator, which fails loudly if anything leaked.
 */
public final class TaskContext implements ScanContext, AutoCloseable {
    private final String queryId;
    private final BufferAllocator allocator;
    private final EngineConfig config;
    private final Executor executor;
    private final FileSystems files;
    private final Map<Object, Object> shared = new IdentityHashMap<>();
    private final Map<JoinKeyFilter, LongPredicate> joinKeys = new ConcurrentHashMap<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final AtomicLong rowsScanned = new AtomicLong();
    private final AtomicLong bytesScanned = new AtomicLong();
    private volatile PolaroidException failure;
    private final SpillArea spill;
    private final SpillArbiter arbiter;
    /** Set when the run is profiled: every stream the context opens is counted. */
    private volatile OperatorProfile profile;

    public TaskContext(String queryId, BufferAllocator allocator, EngineConfig config, Executor executor, FileSystems files) {
        this(queryId, allocator, config, executor, files, new SpillQuota(config.spill().maxBytes()));
    }

    /** A context whose spill files count against {@code spillQuota}, the process' (shared by its queries). */
    public TaskContext(String queryId, BufferAllocator allocator, EngineConfig config, Executor executor, FileSystems files,
                       SpillQuota spillQuota) {
        this.queryId = queryId;
        this.allocator = allocator;
        this.config = config;
        this.executor = executor;
        this.files = files;
        this.spill = new SpillArea(config.spill().dirs(), spillQuota);
        this.arbiter = allocator.getListener() instanceof SpillArbiter a ? a : new SpillArbiter(config.spill().operatorBytes());
        arbiter.watch(allocator);
    }

    /** The query's spill files, deleted when this context closes. */
    public SpillArea spill() {
        return spill;
    }

    /**
     * Partition {@code partition} of {@code node}: how an operator runs its inputs (and the runner
     * the plan's root), so that a profiled run counts every operator.
     */
    public BatchStream execute(ExecNode node, int partition) {
        BatchStream stream = node.execute(partition, this);
        OperatorProfile p = profile;
        return p == null ? stream : p.wrap(node, stream);
    }

    /** A new spill file of operator {@code owner}, whose bytes a profiled run counts against it. */
    public SpillFile spillFile(ExecNode owner, String label) {
        OperatorProfile p = profile;
        return spill.newFile(label, p == null ? bytes -> { } : bytes -> p.spilled(owner, bytes));
    }

    /** Counts what each operator does from now on; returns the profile it fills. */
    public OperatorProfile profile() {
        profile = new OperatorProfile();
        return profile;
    }

    /** Who of the run's spilling operators goes to disk, and when. */
    public SpillArbiter memory() {
        return arbiter;
    }

    public String queryId() {
        return queryId;
    }

    @Override
    public BufferAllocator allocator() {
        return allocator;
    }

    public EngineConfig config() {
        return config;
    }

    public int threads() {
        return config.threads();
    }

    @Override
    public int batchRows() {
        return config.batchRows();
    }

    public Executor executor() {
        return executor;
    }

    public FileSystems files() {
        return files;
    }

    /** State that all partitions of {@code owner} share in this run, created on first use. */
    @SuppressWarnings("unchecked")
    public <S> S shared(Object owner, Supplier<S> create) {
        synchronized (shared) {
            Object state = shared.get(owner);
            if (state == null) {
                state = create.get();
                shared.put(owner, state);
                if (state instanceof AutoCloseable c) {
                    closeables.add(c);
                }
            }
            return (S) state;
        }
    }

    /** Stops the run: every operator fails at its next check with this reason. */
    public void cancel(String reason) {
        if (failure == null) {
            failure = new PolaroidException(ErrorCode.CANCELLED, "query " + queryId + " was cancelled: " + reason);
        }
    }

    /** Records the first failure of any thread, so that the others stop. */
    public void fail(Throwable t) {
        if (failure == null) {
            failure = PolaroidException.wrap(t);
        }
    }

    @Override
    public boolean isCancelled() {
        return failure != null;
    }

    /** Throws if the run was cancelled or another thread failed. Operators call this between batches. */
    @Override
    public void checkCancelled() {
        PolaroidException f = failure;
        if (f != null) {
            throw f.code() == ErrorCode.CANCELLED ? f
                    : new PolaroidException(ErrorCode.CANCELLED, "stopped because another part of the query failed: " + f.getMessage());
        }
    }

    public PolaroidException failure() {
        return failure;
    }

    @Override
    public LongPredicate joinKeys(JoinKeyFilter filter) {
        return joinKeys.get(filter);
    }

    @Override
    public void publishJoinKeys(JoinKeyFilter filter, LongPredicate keys) {
        joinKeys.put(filter, keys);
    }

    @Override
    public void addScanned(long rows, long bytes) {
        rowsScanned.addAndGet(rows);
        bytesScanned.addAndGet(bytes);
    }

    public long rowsScanned() {
        return rowsScanned.get();
    }

    public long bytesScanned() {
        return bytesScanned.get();
    }

    /** Frees shared state, then closes the allocator; a leak surfaces as an INTERNAL error. */
    @Override
    public void close() {
        Throwable first = null;
        List<AutoCloseable> toClose;
        synchronized (shared) {
            toClose = new ArrayList<>(closeables);
            closeables.clear();
            shared.clear();
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Throwable t) {
                first = first == null ? t : first;
            }
        }
        spill.close();
        try {
            allocator.close();
        } catch (IllegalStateException leak) {
            throw new PolaroidException(ErrorCode.INTERNAL, "query " + queryId + " leaked memory: " + leak.getMessage(), leak);
        }
        if (first != null) {
            throw PolaroidException.wrap(first);
        }
    }
}
