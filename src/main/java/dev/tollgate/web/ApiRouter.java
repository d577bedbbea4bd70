package dev.tollgate.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The JSON API's table of calls: method and path template, such as {@code POST /factors/{id}/verify}, to a handler.
 * A path that matches a template with another method is answered {@code 405}, a path that matches none {@code 404};
 * a parameter that fails its check is {@code 400}, before any handler runs.
 *
 * <pre>{@code
 * ApiRouter router = new ApiRouter().param("id", FACTOR_ID::matches)
 *         .route("POST", "/factors/{id}/verify", calls::confirm);
 * }</pre>
 */
final class ApiRouter {

    /** One call of the API. */
    @FunctionalInterface
    interface Handler {
        /**
         * Answers the call.
         *
         * @param call the request, its response and the path's parameters
         * @throws IOException if the answer cannot be written
         */
        void handle(ApiCall call) throws IOException;
    }

    /** What a path resolved to. */
    sealed interface Resolution permits Found, WrongMethod, NotFound, BadParameter {
    }

    /** A handler, with the path's parameters. */
    record Found(Handler handler, Map<String, String> parameters) implements Resolution {
    }

    /** The path exists with other methods. */
    record WrongMethod(List<String> allowed) implements Resolution {
    }

    /** No such path. */
    record NotFound() implements Resolution {
    }

    /** A parameter in the path is malformed. */
    record BadParameter(String name) implements Resolution {
    }

    private record Route(String method, String[] segments, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final Map<String, Predicate<String>> checks = new LinkedHashMap<>();

    /** Declares the check of a path parameter, such as a factor id's form. */
    ApiRouter param(String name, Predicate<String> check) {
        checks.put(name, Objects.requireNonNull(check, "check"));
        return this;
    }

    /** Adds a call. */
    ApiRouter route(String method, String template, Handler handler) {
        routes.add(new Route(method.toUpperCase(Locale.ROOT), template.substring(1).split("/", -1), handler));
        return this;
    }

    /** Finds the handler of a request. */
    Resolution resolve(String method, String path) {
        String[] segments = (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
        List<String> allowed = new ArrayList<>();
        for (Route route : routes) {
            Map<String, String> parameters = match(route.segments(), segments);
            if (parameters == null) {
                continue;
            }
            if (!route.method().equalsIgnoreCase(method)) {
                allowed.add(route.method());
                continue;
            }
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                Predicate<String> check = checks.get(parameter.getKey());
                if (check != null && !check.test(parameter.getValue())) {
                    return new BadParameter(parameter.getKey());
                }
            }
            return new Found(route.handler(), parameters);
        }
        return allowed.isEmpty() ? new NotFound() : new WrongMethod(allowed);
    }

    /** The template's parameters in the path, or null if the path does not fit the template. */
    private static Map<String, String> match(String[] template, String[] path) {
        if (template.length != path.length) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String part = template[i];
            if (part.startsWith("{") && part.endsWith("}")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                parameters.put(part.substring(1, part.length() - 1), path[i]);
            } else if (!part.equals(path[i])) {
                return null;
            }
        }
        return parameters;
    }
}
