package dev.tollgate.web.view;

import java.util.List;
import java.util.Objects;

/**
 * A text of the resource bundle with the arguments of its {@link java.text.MessageFormat} pattern, such as an error
 * worked out by a page handler and shown by its template.
 *
 * @param key the bundle key
 * @param arguments the pattern's arguments, in order
 */
public record Message(String key, List<Object> arguments) {

    public Message {
        Objects.requireNonNull(key, "key");
        arguments = List.copyOf(arguments);
    }

    /** The message of {@code key}, or {@code null} (nothing to show) when {@code key} is {@code null}. */
    public static Message of(String key, Object... arguments) {
        return key == null ? null : new Message(key, List.of(arguments));
    }
}
