package dev.backplane.devstack.schedule;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EventBridge schedule expressions: {@code rate(5 minutes)}, {@code cron(Minutes Hours Day-of-month Month Day-of-week Year)}
 * (AWS's six-field cron: 1-7 = SUN-SAT, one of the day fields is {@code ?}) and Scheduler's one-time {@code at(...)}.
 * The L, W and # cron extensions are refused loudly rather than approximated.
 */
public sealed interface ScheduleExpression {
    /** The first fire time strictly after {@code after}, or null when there is none (a past at()). */
    ZonedDateTime next(ZonedDateTime after);

    Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    Pattern CRON = Pattern.compile("cron\\((.+)\\)");
    Pattern AT = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");

    static ScheduleExpression parse(String expression) {
        String e = expression.strip();
        Matcher m = RATE.matcher(e);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            if (n <= 0) throw new IllegalArgumentException("rate must be positive: " + expression);
            ChronoUnit unit = m.group(2).startsWith("minute") ? ChronoUnit.MINUTES : m.group(2).startsWith("hour") ? ChronoUnit.HOURS : ChronoUnit.DAYS;
            return new Rate(Duration.of(n, unit));
        }
        m = CRON.matcher(e);
        if (m.matches()) return Cron.parse(m.group(1), expression);
        m = AT.matcher(e);
        if (m.matches()) return new At(LocalDateTime.parse(m.group(1)));
        throw new IllegalArgumentException("not a schedule expression (rate(...), cron(...) or at(...)): " + expression);
    }

    /** rate(): the first run one period after the schedule is created, then every period. */
    record Rate(Duration period) implements ScheduleExpression {
        public ZonedDateTime next(ZonedDateTime after) { return after.plus(period); }
    }

    record At(LocalDateTime time) implements ScheduleExpression {
        public ZonedDateTime next(ZonedDateTime after) {
            ZonedDateTime at = time.atZone(after.getZone());
            return at.isAfter(after) ? at : null;
        }
    }

    record Cron(BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek, BitSet years,
                boolean anyDayOfMonth, boolean anyDayOfWeek) implements ScheduleExpression {
        /** L (last), W (weekday) and # (nth weekday); month and day names such as JUL or WED are fine. */
        private static final Pattern UNSUPPORTED_CRON = Pattern.compile("#|\\bL\\b|\\dL|\\dW|LW");
        private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
        private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

        static Cron parse(String fields, String expression) {
            String[] f = fields.trim().split("\\s+");
            if (f.length != 6) throw new IllegalArgumentException("AWS cron needs 6 fields (min hour day-of-month month day-of-week year): " + expression);
            for (String field : f) {
                if (UNSUPPORTED_CRON.matcher(field.toUpperCase(Locale.ROOT)).find()) {
                    throw new IllegalArgumentException("devstack does not support the L, W and # cron extensions: " + expression);
                }
            }
            boolean anyDom = f[2].equals("?");
            boolean anyDow = f[4].equals("?");
            if (anyDom == anyDow) throw new IllegalArgumentException("exactly one of day-of-month and day-of-week must be '?': " + expression);
            return new Cron(field(f[0], 0, 59, List.of(), 0), field(f[1], 0, 23, List.of(), 0),
                anyDom ? all(1, 31) : field(f[2], 1, 31, List.of(), 0), field(f[3], 1, 12, MONTHS, 1),
                anyDow ? all(1, 7) : field(f[4], 1, 7, DAYS, 1), field(f[5], 1970, 2199, List.of(), 0), anyDom, anyDow);
        }

        private static BitSet all(int min, int max) {
            BitSet b = new BitSet();
            b.set(min, max + 1);
            return b;
        }

        private static BitSet field(String text, int min, int max, List<String> names, int nameBase) {
            BitSet bits = new BitSet();
            for (String part : text.split(",")) {
                String range = part;
                int step = 1;
                int slash = part.indexOf('/');
                if (slash >= 0) {
                    range = part.substring(0, slash);
                    step = Integer.parseInt(part.substring(slash + 1));
                }
                int from;
                int to;
                if (range.equals("*") || range.equals("?")) {
                    from = min;
                    to = max;
                } else if (range.contains("-")) {
                    from = value(range.substring(0, range.indexOf('-')), names, nameBase);
                    to = value(range.substring(range.indexOf('-') + 1), names, nameBase);
                } else {
                    from = value(range, names, nameBase);
                    to = slash >= 0 ? max : from;
                }
                if (from < min || to > max || from > to) throw new IllegalArgumentException("cron field out of range: " + text);
                for (int v = from; v <= to; v += step) bits.set(v);
            }
            return bits;
        }

        private static int value(String text, List<String> names, int nameBase) {
            int i = names.indexOf(text.toUpperCase(Locale.ROOT));
            return i >= 0 ? i + nameBase : Integer.parseInt(text);
        }

        public ZonedDateTime next(ZonedDateTime after) {
            ZonedDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            ZonedDateTime limit = after.plusYears(5);
            while (t.isBefore(limit)) {
                if (!years.get(t.getYear())) {
                    t = t.withDayOfYear(1).truncatedTo(ChronoUnit.DAYS).plusYears(1);
                } else if (!months.get(t.getMonthValue())) {
                    t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
                } else if (!dayMatches(t)) {
                    t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
                } else if (!hours.get(t.getHour())) {
                    t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                } else if (!minutes.get(t.getMinute())) {
                    t = t.plusMinutes(1);
                } else {
                    return t;
                }
            }
            return null;
        }

        private boolean dayMatches(ZonedDateTime t) {
            int dow = t.getDayOfWeek().getValue() % 7 + 1; // java MON=1..SUN=7 -> AWS SUN=1..SAT=7
            return (anyDayOfMonth || daysOfMonth.get(t.getDayOfMonth())) && (anyDayOfWeek || daysOfWeek.get(dow));
        }
    }

    static ZoneId zone(String name) { return name == null ? ZoneId.of("UTC") : ZoneId.of(name); }
}
