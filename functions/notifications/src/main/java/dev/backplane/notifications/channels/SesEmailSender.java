package dev.backplane.notifications.channels;

import dev.backplane.notifications.domain.ChannelSender;
import dev.backplane.notifications.domain.DeliveryJob;
import dev.backplane.notifications.domain.Recipient;
import dev.backplane.notifications.domain.Webhook;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** Email through SES v2 SendEmail (on devstack the same call reaches its mail catcher). */
public final class SesEmailSender implements ChannelSender {
    private final Supplier<SesV2Client> ses;
    private final String from;
    private final String appUrl;

    public SesEmailSender(Supplier<SesV2Client> ses, String from, String appUrl) {
        this.ses = ses;
        this.from = from;
        this.appUrl = appUrl;
    }

    @Override
    public void send(DeliveryJob job, Recipient recipient, Webhook ignored) {
        if (recipient.email() == null) throw new DeliveryFailed("no email address known for the user");
        String text = job.body() + "\n\n" + appUrl + job.link();
        try {
            ses.get().sendEmail(b -> b.fromEmailAddress(from).destination(d -> d.toAddresses(recipient.email()))
                .content(c -> c.simple(m -> m.subject(s -> s.data(job.title()).charset("UTF-8"))
                    .body(body -> body.text(t -> t.data(text).charset("UTF-8"))))));
        } catch (SdkException e) {
            throw new DeliveryFailed("SES refused the email: " + e.getClass().getSimpleName());
        }
    }
}
