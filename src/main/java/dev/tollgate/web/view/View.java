package dev.tollgate.web.view;

/** The view model of one page, which names the template that shows it. */
public sealed interface View permits ChallengeView, ChoiceView, ConfirmView, EnrolmentView, FactorsView, LoginView, ProblemView,
        RecoveryCodesView, RecoveryUsedView, RemovalView {

    /** The template's name under {@code src/main/jte}, such as {@code challenge.jte}. */
    String template();
}
