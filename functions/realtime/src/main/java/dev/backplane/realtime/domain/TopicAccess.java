// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.domain;

import dev.backplane.core.auth.Caller;

/**
 * Who may subscribe to what: your own user topic, orders and conversations you own (from realtime's owner
 * projection), and the admin feed if you are an admin (which already carries every event, so admins get no bypass on
 * other users' topics). A refusal never says whether an order exists, so topics cannot be used to probe order ids.
 */
public final class TopicAccess {
    public enum Decision { ALLOWED, DENIED, OWNER_UNKNOWN }

    private final TopicOwners owners;

    public TopicAccess(TopicOwners owners) { this.owners = owners; }

    public Decision decide(Caller caller, Topic topic) {
        return switch (topic.kind()) {
            case USER -> allowedIf(topic.id().equals(caller.userId()));
            case ADMIN -> allowedIf(caller.isAdmin());
            case ORDER, CONVERSATION -> owners.ownerOf(topic).map(owner -> allowedIf(owner.equals(caller.userId())))
                .orElse(Decision.OWNER_UNKNOWN);
        };
    }

    private static Decision allowedIf(boolean allowed) { return allowed ? Decision.ALLOWED : Decision.DENIED; }
}
