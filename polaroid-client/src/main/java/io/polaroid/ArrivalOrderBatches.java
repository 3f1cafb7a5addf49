package io.polaroid;

import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.remote.EndpointReader;
import io.polaroid.remote.FlightFetcher;
import io.polaroid.remote.RemoteErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The batches of a result whose order does not matter, read from every endpoint at once and
 * yielded as they arrive, so that all workers send at the same time. A bounded queue between the
 * readers and the consumer holds the readers back when the consumer is slower. Closing it stops
 * the readers, cancels their streams and frees every batch not handed out.
 */
final class ArrivalOrderBatches extends FrameIterator {
    private static final Object END = new Object();
    private static final int QUEUED_BATCHES = 8;

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch readersDone;
    private final List<EndpointReader> open = new ArrayList<>();
    private final Schema schema;
    private final FlightFetcher fetcher;
    private final Supplier<BufferAllocator> newAllocator;
    private final BiFunction<Batch, BufferAllocator, DataFrame> wrap;
    private int readersLeft;

    ArrivalOrderBatches(List<FlightEndpoint> endpoints, Schema schema, FlightFetcher fetcher, ExecutorService pool,
                        Supplier<BufferAllocator> newAllocator, BiFunction<Batch, BufferAllocator, DataFrame> wrap) {
        this.schema = schema;
        this.fetcher = fetcher;
        this.newAllocator = newAllocator;
        this.wrap = wrap;
        this.readersLeft = endpoints.size();
        this.readersDone = new CountDownLatch(endpoints.size());
        for (FlightEndpoint e : endpoints) {
            pool.execute(() -> read(e));
        }
    }

    private void read(FlightEndpoint endpoint) {
        try (EndpointReader reader = fetcher.reader(endpoint)) {
            synchronized (open) {
                open.add(reader);
            }
            while (!closed.get()) {
                BufferAllocator allocator = newAllocator.get();
                Batch b;
                try {
                    b = reader.next(schema, allocator);
                } catch (RuntimeException e) {
                    allocator.close();
                    throw e;
                }
                if (b == null) {
                    allocator.close();
                    break;
                }
                DataFrame frame = wrap.apply(b, allocator);
                if (!put(frame)) {
                    frame.close();
                }
            }
        } catch (FlightRuntimeException e) {
            put(RemoteErrors.fromFlight(e));
        } catch (Exception e) {
            put(e instanceof RuntimeException r ? r : new IllegalStateException(e));
        } finally {
            put(END);
            readersDone.countDown();
        }
    }

    /** Hands {@code item} to the consumer; false once the consumer has closed. */
    private boolean put(Object item) {
        try {
            while (!closed.get()) {
                if (queue.offer(item, 10, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    protected DataFrame fetchNext() {
        while (readersLeft > 0) {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for the next batch", e);
            }
            if (item == END) {
                readersLeft--;
            } else if (item instanceof RuntimeException failure) {
                close();
                throw failure;
            } else {
                return (DataFrame) item;
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeReady();
        synchronized (open) {
            for (EndpointReader r : open) {
                r.cancel("the reader closed the result stream");
            }
        }
        drain();
        try {
            // Readers stop within a batch once their stream is cancelled; wait, so that nothing
            // they allocated outlives the close.
            readersDone.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();
    }

    private void drain() {
        for (Object item; (item = queue.poll()) != null; ) {
            if (item instanceof DataFrame frame) {
                frame.close();
            }
        }
    }
}
