package dev.tollgate.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One expense claim: who spent how much on what, and whether finance approved it.
 *
 * @param id          the claim's number
 * @param owner       the user name of the employee who claims it
 * @param date        when the money was spent
 * @param description what it was for
 * @param amount      in euros, two decimals
 * @param approved    whether finance approved it
 */
public record Expense(long id, String owner, LocalDate date, String description, BigDecimal amount,
        boolean approved) {

    /** Checks the fields. */
    public Expense {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(amount, "amount");
    }

    /** Returns this claim, approved. */
    public Expense approve() {
        return new Expense(id, owner, date, description, amount, true);
    }

    /** The status as the pages show it; a getter-style name so that JSP EL can read it. */
    public String getStatus() {
        return approved ? "approved" : "submitted";
    }
}
