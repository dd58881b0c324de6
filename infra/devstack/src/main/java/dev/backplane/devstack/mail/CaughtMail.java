// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.mail;

import java.util.List;

/** One email a function sent through SES, as the mail catcher keeps it. */
public record CaughtMail(String id, String from, List<String> to, String subject, String text, String html, String receivedAt) {
    public CaughtMail {
        to = List.copyOf(to);
    }
}
