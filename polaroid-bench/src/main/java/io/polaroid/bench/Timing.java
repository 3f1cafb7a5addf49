package io.polaroid.bench;

import java.util.Arrays;

/** Runs a task a few times after warming up and keeps the median wall time. */
final class Timing {
    private Timing() {
    }

    interface Task {
        void run() throws Exception;
    }

    static double medianSeconds(int warmups, int runs, Task task) throws Exception {
        for (int i = 0; i < warmups; i++) {
            task.run();
        }
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            task.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return runs % 2 == 1 ? seconds[runs / 2] : (seconds[runs / 2 - 1] + seconds[runs / 2]) / 2;
    }
}
