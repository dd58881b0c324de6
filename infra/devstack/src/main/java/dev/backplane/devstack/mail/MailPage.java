// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.mail;

import java.util.List;

/** The mail catcher's web view: newest first, plain text bodies, everything HTML-escaped. */
final class MailPage {
    private MailPage() {}

    static String html(List<CaughtMail> mails) {
        StringBuilder rows = new StringBuilder();
        for (CaughtMail m : mails.reversed()) {
            rows.append("<article><header><b>").append(esc(m.subject())).append("</b><br><small>from ").append(esc(m.from()))
                .append(" to ").append(esc(String.join(", ", m.to()))).append(" at ").append(m.receivedAt()).append("</small></header><pre>")
                .append(esc(m.text() != null ? m.text() : m.html() != null ? m.html() : "")).append("</pre></article>");
        }
        return "<!doctype html><html lang=en><head><meta charset=utf-8><title>devstack mail</title><meta http-equiv=refresh content=5>"
            + "<style>body{font:14px system-ui;margin:2rem;max-width:60rem}article{border:1px solid #ccc;border-radius:6px;padding:.75rem;margin:.5rem 0}"
            + "pre{white-space:pre-wrap}</style></head><body><h1>devstack mail catcher</h1><p>" + mails.size()
            + " message(s); nothing is sent for real.</p>" + rows + "</body></html>";
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
