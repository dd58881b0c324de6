// SPDX-License-Identifier: Apache-2.0
package dev.backplane.identity.domain;

import dev.backplane.core.event.NewEvent;
import dev.backplane.core.event.Trace;
import java.util.Optional;

/**
 * Port: user persistence. Every write is atomic with its handle reservation and its event (transactional outbox);
 * {@code replace} succeeds only if the stored user still has {@code next.version() - 1}.
 */
public interface UserStore {
    enum Registration { CREATED, USER_EXISTS, HANDLE_TAKEN }

    /** Creates the user and reserves its handle, all or nothing; says which uniqueness rule refused it. */
    Registration register(User user, NewEvent event, Trace trace);

    /**
     * Replaces {@code previous} with {@code next}; a changed handle is reserved and the old one released in the same
     * transaction. Throws {@code ConflictException} "handle-taken" or "concurrent-modification".
     */
    void replace(User previous, User next, NewEvent event, Trace trace);

    Optional<User> find(String userId);

    Optional<User> findByHandle(String handle);

    Optional<Settings> settings(String userId);

    void saveSettings(String userId, Settings settings);

    /** Users whose handle starts with {@code prefix} (may be empty), in handle order. */
    Page<User> searchByHandle(String prefix, int limit, String cursor);
}
