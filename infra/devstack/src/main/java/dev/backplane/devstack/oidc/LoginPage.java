// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.oidc;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * The interactive login page: one button per seeded user. Each button posts the username and that user's fixed
 * claims, which is how mock-oauth2-server's form login sets claims in the Authorization Code flow.
 */
final class LoginPage {
    private LoginPage() {}

    static String html(List<SeededUser> users, String audience) throws Exception {
        ObjectMapper json = new ObjectMapper();
        StringBuilder forms = new StringBuilder();
        for (SeededUser u : users) {
            String claims = json.writeValueAsString(u.claims(audience));
            forms.append("""
                <form method="post">
                  <input type="hidden" name="username" value="%s">
                  <input type="hidden" name="claims" value="%s">
                  <button type="submit" name="user" value="%s">Sign in as <b>%s</b> <small>(%s, %s)</small></button>
                </form>
                """.formatted(escape(u.username()), escape(claims), escape(u.username()), escape(u.username()),
                escape(u.email()), escape(String.join(", ", u.groups()))));
        }
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>devstack sign-in</title>
            <style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto}form{margin:.5rem 0}
            button{width:100%%;padding:.8rem;font-size:1rem;text-align:left;cursor:pointer}</style></head>
            <body><h1>devstack sign-in</h1><p>Local OIDC provider: choose a seeded user.</p>
            %s</body></html>
            """.formatted(forms);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
