package dev.backplane.devstack.lambda;

/** Synchronous (RequestResponse) invocation of a template function, as the Lambda Invoke API does it. */
public interface Invoker {
    /**
     * Invokes {@code functionLogicalId} with the event JSON and returns the response payload bytes.
     *
     * @throws FunctionError when the function reports an error (unhandled exception, timeout, crash)
     */
    byte[] invoke(String functionLogicalId, byte[] eventJson) throws FunctionError;

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
