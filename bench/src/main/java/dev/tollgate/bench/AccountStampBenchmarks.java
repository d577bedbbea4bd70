package dev.tollgate.bench;

import dev.tollgate.store.AccountStampStore;
import dev.tollgate.store.TollgatePersistence;
import dev.tollgate.twostep.AccountStamps;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What following account changes (issue 12.2) costs a request: the filter compares the session's stamp with the
 * account's, read from memory ({@code fromMemory}, every request within {@code tollgate.accountChanges.maxDelay} of
 * the last read) or from the database ({@code fromDatabase}, once per user and delay; here H2 in memory, so a real
 * database's network round trip comes on top).
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar AccountStampBenchmarks
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AccountStampBenchmarks {

    private EntityManagerFactory persistence;
    private AccountStamps stamps;

    /** Tollgate's tables in H2, and one account whose stamp exists. */
    @Setup(Level.Trial)
    public void open() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:stamps;DB_CLOSE_DELAY=-1");
        persistence = TollgatePersistence.open(dataSource, TollgatePersistence.SchemaGeneration.MIGRATE, "/bench");
        stamps = new AccountStamps(new AccountStampStore(persistence), Clock.systemUTC(), Duration.ofSeconds(2));
        stamps.fresh("alice");
    }

    @TearDown(Level.Trial)
    public void close() {
        persistence.close();
    }

    /** A request within the delay: the stamp from memory. */
    @Benchmark
    public Object fromMemory() {
        return stamps.current("alice");
    }

    /** The first request after the delay: the stamp from the database. */
    @Benchmark
    public Object fromDatabase() {
        return stamps.fresh("alice");
    }
}
