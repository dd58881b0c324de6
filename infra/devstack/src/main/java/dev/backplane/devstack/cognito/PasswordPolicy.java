// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.cognito;

/** A pool's {@code Policies.PasswordPolicy}; without one, Cognito's default (8 characters, every class required). */
record PasswordPolicy(int minimumLength, boolean uppercase, boolean lowercase, boolean numbers, boolean symbols) {
    static final PasswordPolicy COGNITO_DEFAULT = new PasswordPolicy(8, true, true, true, true);
    private static final String SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

    /** Throws Cognito's InvalidPasswordException with its wording for the first rule broken. */
    void check(String password) {
        if (password == null || password.length() < minimumLength) fail("Password not long enough");
        if (uppercase && password.chars().noneMatch(Character::isUpperCase)) fail("Password must have uppercase characters");
        if (lowercase && password.chars().noneMatch(Character::isLowerCase)) fail("Password must have lowercase characters");
        if (numbers && password.chars().noneMatch(Character::isDigit)) fail("Password must have numeric characters");
        if (symbols && password.chars().noneMatch(c -> SYMBOLS.indexOf(c) >= 0)) fail("Password must have symbol characters");
    }

    private static void fail(String reason) {
        throw new CognitoError("InvalidPasswordException", "Password did not conform with policy: " + reason);
    }
}
