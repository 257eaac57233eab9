package io.jenkins.plugins.awsstepfunctions.execution;

import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** The error, cause and task resource that a failure event of the history carries, whichever kind it is. */
public record ErrorAndCause(String error, String cause, String resource) {

    private static final ErrorAndCause NONE = new ErrorAndCause(null, null, null);

    /** The details of any failure event; all three absent for other events. */
    public static ErrorAndCause of(HistoryEvent e) {
        if (e.executionFailedEventDetails() != null) {
            return new ErrorAndCause(
                    e.executionFailedEventDetails().error(),
                    e.executionFailedEventDetails().cause(),
                    null);
        }
        if (e.executionTimedOutEventDetails() != null) {
            return new ErrorAndCause(
                    e.executionTimedOutEventDetails().error(),
                    e.executionTimedOutEventDetails().cause(),
                    null);
        }
        if (e.executionAbortedEventDetails() != null) {
            return new ErrorAndCause(
                    e.executionAbortedEventDetails().error(),
                    e.executionAbortedEventDetails().cause(),
                    null);
        }
        if (e.taskFailedEventDetails() != null) {
            return new ErrorAndCause(
                    e.taskFailedEventDetails().error(),
                    e.taskFailedEventDetails().cause(),
                    e.taskFailedEventDetails().resourceType() + ":"
                            + e.taskFailedEventDetails().resource());
        }
        if (e.taskTimedOutEventDetails() != null) {
            return new ErrorAndCause(
                    e.taskTimedOutEventDetails().error(),
                    e.taskTimedOutEventDetails().cause(),
                    e.taskTimedOutEventDetails().resourceType() + ":"
                            + e.taskTimedOutEventDetails().resource());
        }
        if (e.taskStartFailedEventDetails() != null) {
            return new ErrorAndCause(
                    e.taskStartFailedEventDetails().error(),
                    e.taskStartFailedEventDetails().cause(),
                    e.taskStartFailedEventDetails().resourceType() + ":"
                            + e.taskStartFailedEventDetails().resource());
        }
        if (e.taskSubmitFailedEventDetails() != null) {
            return new ErrorAndCause(
                    e.taskSubmitFailedEventDetails().error(),
                    e.taskSubmitFailedEventDetails().cause(),
                    e.taskSubmitFailedEventDetails().resourceType() + ":"
                            + e.taskSubmitFailedEventDetails().resource());
        }
        if (e.lambdaFunctionFailedEventDetails() != null) {
            return new ErrorAndCause(
                    e.lambdaFunctionFailedEventDetails().error(),
                    e.lambdaFunctionFailedEventDetails().cause(),
                    null);
        }
        if (e.lambdaFunctionTimedOutEventDetails() != null) {
            return new ErrorAndCause(
                    e.lambdaFunctionTimedOutEventDetails().error(),
                    e.lambdaFunctionTimedOutEventDetails().cause(),
                    null);
        }
        if (e.activityFailedEventDetails() != null) {
            return new ErrorAndCause(
                    e.activityFailedEventDetails().error(),
                    e.activityFailedEventDetails().cause(),
                    null);
        }
        if (e.activityTimedOutEventDetails() != null) {
            return new ErrorAndCause(
                    e.activityTimedOutEventDetails().error(),
                    e.activityTimedOutEventDetails().cause(),
                    null);
        }
        if (e.evaluationFailedEventDetails() != null) {
            return new ErrorAndCause(
                    e.evaluationFailedEventDetails().error(),
                    e.evaluationFailedEventDetails().cause(),
                    null);
        }
        if (e.mapRunFailedEventDetails() != null) {
            return new ErrorAndCause(
                    e.mapRunFailedEventDetails().error(),
                    e.mapRunFailedEventDetails().cause(),
                    null);
        }
        return NONE;
    }
}
