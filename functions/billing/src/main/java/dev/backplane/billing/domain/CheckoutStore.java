package dev.backplane.billing.domain;

import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Trace;
import java.util.Optional;

/** Port: the checkout session opened for a purchase (order or credit-pack purchase), one per reference. */
public interface CheckoutStore {
    Optional<CheckoutSession> find(String reference);

    /** What the recorded session of this purchase charges (for checking its webhook); empty if none was recorded. */
    Optional<ExpectedPayment> expected(String reference);

    /** Records the session, what it charges, and its event once; false if a session was already recorded (a concurrent repeat). */
    boolean record(String reference, CheckoutSession session, ExpectedPayment expected, NewEvent event, Trace trace);
}
