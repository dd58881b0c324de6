package dev.backplane.devstack.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backplane.devstack.Json;
import dev.backplane.devstack.events.Target;
import dev.backplane.devstack.events.TargetDelivery;
import dev.backplane.devstack.logs.LogSink;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Fires schedules on time (one sleeping virtual thread each) and on demand (the admin endpoint, tests). */
public final class Scheduler implements AutoCloseable {
    private final List<Schedule> schedules;
    private final TargetDelivery delivery;
    private final LogSink log;
    private final String region;
    private final String accountId;
    private final List<Thread> threads = new ArrayList<>();

    public Scheduler(List<Schedule> schedules, TargetDelivery delivery, LogSink log, String region, String accountId) {
        this.schedules = List.copyOf(schedules);
        this.delivery = delivery;
        this.log = log;
        this.region = region;
        this.accountId = accountId;
    }

    /** Starts the clocks; without it schedules only fire on demand (useful for deterministic tests). */
    public Scheduler startClocks() {
        for (Schedule s : schedules) {
            if (s.enabled()) threads.add(Thread.ofVirtual().name("schedule-" + s.id()).start(() -> run(s)));
        }
        return this;
    }

    public List<Schedule> schedules() { return schedules; }

    public Optional<Schedule> find(String idOrName) {
        return schedules.stream().filter(s -> s.id().equals(idOrName) || s.name().equals(idOrName)).findFirst();
    }

    private void run(Schedule s) {
        ZonedDateTime next = s.expression().next(ZonedDateTime.now(s.zone()));
        while (next != null) {
            try {
                Thread.sleep(Duration.between(ZonedDateTime.now(s.zone()), next).plusMillis(1));
            } catch (InterruptedException e) {
                return;
            }
            fire(s);
            next = s.expression().next(next);
        }
    }

    /** Delivers the schedule's event to its targets now. */
    public void fire(Schedule s) {
        log.system("schedule " + s.id() + " (" + s.expression() + ") fired");
        ObjectNode event = event(s);
        for (Target t : s.targets()) delivery.deliver(s.name(), s.arn(), t, event);
    }

    /** The event a scheduled rule (or Scheduler's default notification) delivers. */
    private ObjectNode event(Schedule s) {
        ObjectNode e = Json.object();
        e.put("version", "0");
        e.put("id", UUID.randomUUID().toString());
        e.put("detail-type", "Scheduled Event");
        e.put("source", s.scheduler() ? "aws.scheduler" : "aws.events");
        e.put("account", accountId);
        e.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        e.put("region", region);
        e.putArray("resources").add(s.arn());
        if (s.scheduler()) e.put("detail", "{}");
        else e.putObject("detail");
        return e;
    }

    @Override
    public void close() { threads.forEach(Thread::interrupt); }
}
