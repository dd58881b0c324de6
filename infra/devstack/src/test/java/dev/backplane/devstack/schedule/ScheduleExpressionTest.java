package dev.backplane.devstack.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {
    static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 23, 17, 42, 10, 0, ZoneId.of("UTC")); // a Monday

    static ZonedDateTime next(String expression) { return ScheduleExpression.parse(expression).next(NOW); }

    @Test
    void rates() {
        assertEquals(NOW.plusMinutes(1), next("rate(1 minute)"));
        assertEquals(NOW.plusHours(6), next("rate(6 hours)"));
        assertEquals(NOW.plusDays(2), next("rate(2 days)"));
    }

    @Test
    void awsCronWithSixFieldsAndSundayAsOne() {
        assertEquals(ZonedDateTime.of(2026, 11, 24, 3, 0, 0, 0, NOW.getZone()), next("cron(0 3 * * ? *)"));
        assertEquals(ZonedDateTime.of(2026, 11, 23, 17, 45, 0, 0, NOW.getZone()), next("cron(0/15 * * * ? *)"));
        assertEquals(ZonedDateTime.of(2026, 11, 29, 8, 30, 0, 0, NOW.getZone()), next("cron(30 8 ? * 1 *)"), "1 = Sunday");
        assertEquals(ZonedDateTime.of(2026, 11, 27, 18, 0, 0, 0, NOW.getZone()), next("cron(0 18 ? * FRI *)"));
        assertEquals(ZonedDateTime.of(2027, 1, 1, 0, 0, 0, 0, NOW.getZone()), next("cron(0 0 1 JAN ? *)"));
        assertEquals(ZonedDateTime.of(2026, 11, 23, 18, 0, 0, 0, NOW.getZone()), next("cron(0 9-18 ? * MON-FRI *)"));
        assertNull(next("cron(0 0 1 1 ? 2020)"), "only past years: never");
    }

    @Test
    void oneTimeAndRejectedForms() {
        assertEquals(ZonedDateTime.of(2026, 12, 1, 9, 0, 0, 0, NOW.getZone()), next("at(2026-12-01T09:00:00)"));
        assertThrows(IllegalArgumentException.class, () -> next("cron(0 3 * * * *)"), "one day field must be ?");
        assertThrows(IllegalArgumentException.class, () -> next("cron(0 3 L * ? *)"), "L is refused, not approximated");
        assertThrows(IllegalArgumentException.class, () -> next("cron(0 3 ? * 6#3 *)"));
        assertThrows(IllegalArgumentException.class, () -> next("cron(0 3 * *)"));
        assertThrows(IllegalArgumentException.class, () -> next("every day"));
    }
}
