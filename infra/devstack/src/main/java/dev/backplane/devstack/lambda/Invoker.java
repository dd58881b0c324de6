package dev.backplane.devstack.lambda;

/** Synchronous (RequestResponse) invocation of a template function, as the Lambda Invoke API does it. */
public interface Invoker {
    /**
     * Invokes {@code functionLogicalId} with the event JSON and returns the response payload bytes.
     *
     * @throws FunctionError when the function reports an error (unhandled exception, timeout, crash)
     */
    byte[] invoke(String functionLogicalId, byte[] eventJson) throws FunctionError;

    /**
     * As {@link #invoke(String, byte[])}, calling {@code onStart} when an initialised instance takes the event (after
     * any cold start). A gateway starts its integration timeout there, so a caller that arrives while an instance
     * initialises waits for it instead of timing out.
     */
    default byte[] invoke(String functionLogicalId, byte[] eventJson, Runnable onStart) throws FunctionError {
        onStart.run();
        return invoke(functionLogicalId, eventJson);
    }

    /** A function error, carrying Lambda's errorType and errorMessage. */
    final class FunctionError extends Exception {
        private final String errorType;

        public FunctionError(String errorType, String message) {
            super(message);
            this.errorType = errorType;
        }

        public String errorType() { return errorType; }
    }
}
