// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.domain;

/** The API Gateway @connections management API: the only way to reach a client. */
public interface ConnectionGateway {

    enum Delivery { DELIVERED, GONE, FAILED }

    /** Sends one message; GONE means the client is no longer connected (HTTP 410). */
    Delivery send(String connectionId, byte[] message);

    /** True when API Gateway no longer knows the connection (GetConnection answers 410). */
    boolean isGone(String connectionId);

    /** Closes the connection on API Gateway's side (best effort; already-gone is fine). */
    void disconnect(String connectionId);
}
