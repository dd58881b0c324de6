// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** The mail catcher takes SES v2 SendEmail from the real SDK client, and shows the mail in its API and web view. */
class MailCatcherTest {
    @Test
    void keepsWhatTheSesClientSendsAndShowsItEscaped() throws Exception {
        try (MailCatcher catcher = MailCatcher.start(0);
             SesV2Client ses = SesV2Client.builder().endpointOverride(URI.create(catcher.url())).region(Region.US_EAST_1)
                 .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                 .httpClient(UrlConnectionHttpClient.create()).build()) {
            String id = ses.sendEmail(b -> b.fromEmailAddress("from@backplane.local").destination(d -> d.toAddresses("bob@example.com"))
                .content(c -> c.simple(m -> m.subject(s -> s.data("Payment <received>")).body(x -> x.text(t -> t.data("Order 1 is paid."))))))
                .messageId();
            List<CaughtMail> mails = catcher.mails();
            assertEquals(1, mails.size());
            assertEquals(id, mails.getFirst().id());
            assertEquals(List.of("bob@example.com"), mails.getFirst().to());
            HttpClient http = HttpClient.newHttpClient();
            String api = http.send(HttpRequest.newBuilder(URI.create(catcher.url() + "/api/messages?to=bob@example.com")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(api.contains("Order 1 is paid."), api);
            assertEquals("[]", http.send(HttpRequest.newBuilder(URI.create(catcher.url() + "/api/messages?to=eve@example.com")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
            String page = http.send(HttpRequest.newBuilder(URI.create(catcher.url() + "/")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(page.contains("Payment &lt;received&gt;"), page);
            HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(catcher.url() + "/v2/email/contact-lists"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, other.statusCode());
            assertTrue(other.body().contains("SendEmail"), other.body());
        }
    }
}
