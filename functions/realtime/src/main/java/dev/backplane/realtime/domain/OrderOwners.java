// SPDX-License-Identifier: Apache-2.0
package dev.backplane.realtime.domain;

import java.util.Optional;

/** Read-only view of who owns an order (the orders service's data), used to authorize {@code order:{id}} topics. */
public interface OrderOwners {
    /** The owning user id, or empty when the order does not exist. */
    Optional<String> ownerOf(String orderId);
}
