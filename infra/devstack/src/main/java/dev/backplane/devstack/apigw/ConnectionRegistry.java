// SPDX-License-Identifier: Apache-2.0
package dev.backplane.devstack.apigw;

import java.util.concurrent.ConcurrentHashMap;

/** Open connections by id; a connection is listed from its open until its close. */
final class ConnectionRegistry {
    private final ConcurrentHashMap<String, Connection> open = new ConcurrentHashMap<>();

    void add(Connection c) { open.put(c.id, c); }

    void remove(Connection c) { open.remove(c.id, c); }

    /** The open connection, or null (which the management API reports as 410 Gone). */
    Connection get(String id) {
        Connection c = open.get(id);
        return c != null && c.isOpen() ? c : null;
    }

    int size() { return open.size(); }
}
