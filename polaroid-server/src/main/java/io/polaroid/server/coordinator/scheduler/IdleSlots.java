package io.polaroid.server.coordinator.scheduler;

import java.util.List;

/**
 * The slots' worth of cores each task of a stage may use when the stage has fewer tasks than
 * the cluster has idle slots: the idle slots, over all queries, shared among the stage's tasks
 * still to send, and at least its own. A stage planned as one task (a small query) so runs on
 * every core the cluster has idle, where the workers share a machine; a worker on a machine of
 * its own already uses all its cores and goes no higher. The slots lent are not reserved: a task
 * that arrives meanwhile takes its slot as usual, and the machine's cores are shared.
 */
final class IdleSlots {
    private IdleSlots() {
    }

    /** What each of {@code tasks} tasks, about to be sent, may use. */
    static int perTask(List<? extends Worker> live, int tasks) {
        if (tasks <= 0) {
            return 1;
        }
        int idle = 0;
        for (Worker w : live) {
            if (w.isAlive()) {
                idle += Math.max(0, w.slots() - w.assigned().get());
            }
        }
        return Math.max(1, idle / tasks);
    }
}
