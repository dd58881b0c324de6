// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.auth;

/** A token was refused; the message is a reason safe to log (never the token or its claims' personal data). */
public final class TokenRejectedException extends Exception {
    public TokenRejectedException(String reason) { super(reason, null, false, false); }
}
