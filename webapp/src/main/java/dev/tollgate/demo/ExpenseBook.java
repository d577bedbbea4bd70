package dev.tollgate.demo;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's expense claims, in memory and seeded with a few examples: the demo is about signing in, not storage.
 */
@ApplicationScoped
public class ExpenseBook {

    private final Map<Long, Expense> claims = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1000);

    /** Seeds the book with the examples the start page's users see. */
    public ExpenseBook() {
        LocalDate today = LocalDate.now();
        add("alice", today.minusDays(12), "Train to Lyon, client visit", new BigDecimal("84.50"));
        add("alice", today.minusDays(11), "Hotel in Lyon, one night", new BigDecimal("129.00"));
        add("bob", today.minusDays(6), "Team lunch after the release", new BigDecimal("212.40"));
        add("carol", today.minusDays(3), "Conference ticket", new BigDecimal("450.00"));
        approve(1001);
    }

    /**
     * Records a new claim.
     *
     * @return the claim as stored
     */
    public Expense add(String owner, LocalDate date, String description, BigDecimal amount) {
        long id = ids.incrementAndGet();
        Expense expense = new Expense(id, owner, date, description, amount.setScale(2, RoundingMode.HALF_UP), false);
        claims.put(id, expense);
        return expense;
    }

    /** Marks a claim as approved; an unknown number changes nothing. */
    public void approve(long id) {
        claims.computeIfPresent(id, (key, expense) -> expense.approve());
    }

    /** One employee's claims, newest first. */
    public List<Expense> of(String owner) {
        return all().stream().filter(e -> e.owner().equals(owner)).toList();
    }

    /** Everyone's claims, newest first. */
    public List<Expense> all() {
        return claims.values().stream()
                .sorted(Comparator.comparing(Expense::date).thenComparing(Expense::id).reversed())
                .toList();
    }
}
