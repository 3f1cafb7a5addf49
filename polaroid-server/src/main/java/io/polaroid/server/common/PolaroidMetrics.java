package io.polaroid.server.common;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** The Polaroid meters of this process, exported at {@code /actuator/prometheus}. */
@Component
public class PolaroidMetrics {
    private final MeterRegistry registry;
    private final Timer latency;
    private final Counter tasksRun;
    private final Counter tasksRetried;
    private final Counter rowsScanned;
    private final Counter bytesScanned;
    private final Counter flightBytesSent;
    private final Counter spilledBytes;

    public PolaroidMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("polaroid.query.latency").description("Time from submit to result ready")
                .publishPercentileHistogram().register(registry);
        this.tasksRun = Counter.builder("polaroid.tasks.run").description("Tasks run by this worker").register(registry);
        this.tasksRetried = Counter.builder("polaroid.tasks.retried").description("Tasks run again after a worker was lost")
                .register(registry);
        this.rowsScanned = Counter.builder("polaroid.rows.scanned").description("Rows read from sources").register(registry);
        this.bytesScanned = Counter.builder("polaroid.bytes.scanned").baseUnit("bytes").description("Bytes read from sources")
                .register(registry);
        this.flightBytesSent = Counter.builder("polaroid.flight.bytes.sent").baseUnit("bytes")
                .description("Arrow bytes sent by Flight DoGet").register(registry);
        this.spilledBytes = Counter.builder("polaroid.spilled.bytes").baseUnit("bytes")
                .description("Bytes written to spill files by operators that outgrew their memory and by workers holding more partitions than their store memory").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** {@code state}: started, succeeded, failed or cancelled. */
    public void query(String state) {
        registry.counter("polaroid.queries", "state", state).increment();
    }

    public void queryLatency(Duration d) {
        latency.record(d);
    }

    public void taskRun(long rows, long bytes, long spilled) {
        tasksRun.increment();
        rowsScanned.increment(rows);
        bytesScanned.increment(bytes);
        spilledBytes.increment(spilled);
    }

    /** A partition the worker held went to disk, as {@code bytes} of spill file. */
    public void partitionSpilled(long bytes) {
        spilledBytes.increment(bytes);
    }

    public void taskRetried() {
        tasksRetried.increment();
    }

    public void flightBytesSent(long bytes) {
        flightBytesSent.increment(bytes);
    }
}
