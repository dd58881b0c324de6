// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.domain;

/** A suspended user is refused by the authorizer and hidden from public profiles. */
public enum UserStatus { ACTIVE, SUSPENDED }
