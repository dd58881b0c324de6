// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.cognito;

/** A Cognito error as the SDKs read it: HTTP 400 with {@code {"__type": type, "message": …}}. */
final class CognitoError extends RuntimeException {
    private final String type;

    CognitoError(String type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    String type() { return type; }

    static CognitoError notAuthorized(String message) { return new CognitoError("NotAuthorizedException", message); }

    static CognitoError invalidParameter(String message) { return new CognitoError("InvalidParameterException", message); }

    static CognitoError resourceNotFound(String message) { return new CognitoError("ResourceNotFoundException", message); }

    static CognitoError userNotFound() { return new CognitoError("UserNotFoundException", "User does not exist."); }
}
