package io.polaroid.server.coordinator.scheduler;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers the workers a query sent tasks to, by address, and at the end tells the live ones to
 * free it: release (drop the shuffles, keep the results) when it succeeded, cancel (stop and drop
 * everything) when it did not. By address, so a worker that registered again since still hears of
 * it. Best effort: an unreachable worker drops the query when its results expire.
 */
public final class QueryCleanup {
    private static final Logger log = LoggerFactory.getLogger(QueryCleanup.class);

    private final String queryId;
    private final WorkerPool pool;
    private final WorkerClient client;
    private final Set<String> touched = new HashSet<>();

    public QueryCleanup(String queryId, WorkerPool pool, WorkerClient client) {
        this.queryId = queryId;
        this.pool = pool;
        this.client = client;
    }

    synchronized void touched(Worker w) {
        touched.add(w.address());
    }

    public void release() {
        forEachTouched(w -> client.releaseQuery(w, queryId));
    }

    public void cancel() {
        forEachTouched(w -> client.cancelQuery(w, queryId));
    }

    private void forEachTouched(java.util.function.Consumer<Worker> action) {
        Map<String, Worker> live = new HashMap<>();
        pool.live().forEach(w -> live.put(w.address(), w));
        Set<String> addresses;
        synchronized (this) {
            addresses = new HashSet<>(touched);
        }
        for (String a : addresses) {
            Worker w = live.get(a);
            if (w != null) {
                try {
                    action.accept(w);
                } catch (RuntimeException e) {
                    log.debug("query {}: could not reach {} to clean up: {}", queryId, a, e.toString());
                }
            }
        }
    }
}
