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
            seconds[i] = seconds(task);
        }
        return median(seconds);
    }

    /**
     * The median seconds of {@code a} and of {@code b}, run in turns {@code runs} times each after
     * one untimed turn: a burst of load on a shared machine falls on both, not on one side's runs.
     */
    static double[] alternatedMedians(int runs, Task a, Task b) throws Exception {
        a.run();
        b.run();
        double[] first = new double[runs];
        double[] second = new double[runs];
        for (int i = 0; i < runs; i++) {
            first[i] = seconds(a);
            second[i] = seconds(b);
        }
        return new double[] {median(first), median(second)};
    }

    private static double seconds(Task task) throws Exception {
        long start = System.nanoTime();
        task.run();
        return (System.nanoTime() - start) / 1e9;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
