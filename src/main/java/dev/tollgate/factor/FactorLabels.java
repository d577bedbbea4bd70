package dev.tollgate.factor;

import dev.tollgate.InvalidRequestException;

/**
 * The rule for a factor's name as a user types it, the same for every kind of factor: it is shown back on the
 * factors page and in audit events, so it is bounded and free of control characters.
 */
public final class FactorLabels {

    private static final int MAX_LENGTH = 100;

    private FactorLabels() {
    }

    /**
     * Checks a name as typed.
     *
     * @param label        the name, or null or blank for the default
     * @param defaultLabel the name of a factor the user did not name
     * @return the name to store, trimmed
     * @throws InvalidRequestException if it is longer than 100 characters or has control characters
     */
    static String clean(String label, String defaultLabel) {
        if (label == null || label.isBlank()) {
            return defaultLabel;
        }
        String trimmed = label.strip();
        if (trimmed.length() > MAX_LENGTH) {
            throw new InvalidRequestException("label must be at most " + MAX_LENGTH + " characters long");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("label must not contain control characters");
        }
        return trimmed;
    }

    /**
     * Checks a new name for an existing factor: like {@link #clean}, but a blank one is refused, since a rename must
     * say what the factor is called now.
     *
     * @param label the name as typed
     * @return the name to store, trimmed
     * @throws InvalidRequestException if it is blank, longer than 100 characters or has control characters
     */
    public static String rename(String label) {
        if (label == null || label.isBlank()) {
            throw new InvalidRequestException("label is required");
        }
        return clean(label, label);
    }
}
