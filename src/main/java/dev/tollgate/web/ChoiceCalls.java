package dev.tollgate.web;

import dev.tollgate.admin.AccountOverview;
import dev.tollgate.admin.FactorSummary;
import dev.tollgate.admin.ResetResult;
import dev.tollgate.twostep.Outcome;
import dev.tollgate.twostep.Problem;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;

/**
 * The JSON API's calls about enrolment choices ({@code POST /enrollment/skip}, {@code POST} and {@code DELETE
 * /enrollment/opt-out}) and the administrator's endpoint ({@code GET} and {@code DELETE
 * /admin/users/{username}/factors}).
 */
final class ChoiceCalls {

    private ChoiceCalls() {
    }

    /** {@code POST /enrollment/skip}: on without a factor, for this sign-in. */
    static void skip(ApiCall call) {
        call.run(caller -> call.web().useCases().decisions().skip(caller));
        call.noContent();
    }

    /** {@code POST /enrollment/opt-out}: not asked again. */
    static void optOut(ApiCall call) {
        call.run(caller -> call.web().useCases().decisions().optOut(caller));
        call.noContent();
    }

    /** {@code DELETE /enrollment/opt-out}: asked again. */
    static void optIn(ApiCall call) {
        call.run(caller -> call.web().useCases().decisions().optIn(caller));
        call.noContent();
    }

    /** {@code GET /admin/users/{username}/factors}. */
    static void overview(ApiCall call) throws IOException {
        AccountOverview account = admin(call, call.web().useCases().administration()
                .overview(call.caller(), call.parameter("username")));
        JsonArrayBuilder factors = Json.createArrayBuilder();
        for (FactorSummary factor : account.factors()) {
            factors.add(FactorCalls.factorJson(factor.id(), factor.type(), factor.label(), factor.createdAt(),
                    factor.lastUsedAt()));
        }
        JsonObjectBuilder answer = Json.createObjectBuilder().add("user", account.username()).add("factors", factors)
                .add("recoveryCodesRemaining", account.recoveryCodesRemaining())
                .add("optedOut", account.optedOut());
        if (account.lockedUntil() == null) {
            answer.addNull("lockedUntil");
        } else {
            answer.add("lockedUntil", account.lockedUntil().toString());
        }
        call.write(200, answer);
    }

    /** {@code DELETE /admin/users/{username}/factors}: the user enrols again at the next sign-in. */
    static void reset(ApiCall call) throws IOException {
        ResetResult reset = admin(call, call.web().useCases().administration()
                .reset(call.caller(), call.parameter("username")));
        call.write(200, Json.createObjectBuilder().add("user", reset.username())
                .add("factorsRemoved", reset.factorsRemoved())
                .add("recoveryCodesRemoved", reset.recoveryCodesRemoved()));
    }

    /** The administrator's endpoint does not exist without its role: "no such call", not "no such factor". */
    private static <T> T admin(ApiCall call, Outcome<T> outcome) {
        if (outcome instanceof Outcome.Refused<T> refused
                && refused.refusal() instanceof dev.tollgate.twostep.Refusal.Plain plain
                && plain.problem() == Problem.NOT_FOUND) {
            throw new ApiException(404, "not_found", ApiErrors.text("api.admin_disabled"));
        }
        return call.valueOf(outcome);
    }
}
