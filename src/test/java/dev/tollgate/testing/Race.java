package dev.tollgate.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs attempts at the same instant, one thread each, so that they race for what only some of them may get: a time
 * step used once, a recovery code spent once, a lock set once per threshold.
 *
 * <pre>{@code
 * assertEquals(1, Race.winners(50, () -> store.acceptStep(factorId, 101, T0)));
 * }</pre>
 */
public final class Race {

    private Race() {
    }

    /** One racer: whether it got what it raced for. */
    @FunctionalInterface
    public interface Attempt {

        /**
         * Makes the attempt.
         *
         * @return whether it succeeded
         * @throws Exception if it failed otherwise, which fails the race
         */
        boolean succeeds() throws Exception;
    }

    /**
     * Makes the same attempt from many threads at once and counts the ones that succeeded.
     *
     * @param racers  how many threads attempt it
     * @param attempt what each one does
     * @return how many succeeded
     * @throws ExecutionException   if an attempt threw
     * @throws InterruptedException if interrupted while waiting
     */
    public static int winners(int racers, Attempt attempt) throws ExecutionException, InterruptedException {
        List<Callable<Boolean>> attempts = Collections.nCopies(racers, attempt::succeeds);
        return (int) run(attempts).stream().filter(Boolean::booleanValue).count();
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
