package dev.tollgate.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs requests at the same instant, one thread each, so that they race for what only one of them may get. */
public final class Race {

    private Race() {
    }

    /**
     * Starts every task together once all threads are ready, and waits for them all.
     *
     * @param tasks the racers
     * @param <T>   what a racer returns
     * @return the results, in the order of the tasks
     * @throws ExecutionException   if a task failed
     * @throws InterruptedException if interrupted while waiting
     */
    public static <T> List<T> run(List<Callable<T>> tasks) throws ExecutionException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
