package io.routedesk.store;

import io.routedesk.domain.VoiceSlot;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of the change history: enough to show "what was applied" and to undo it (set {@code slot}
 * of {@code number} back to {@code oldRouteId}).
 *
 * @param at when the change was planned, then when its outcome was recorded
 */
public record ChangeRecord(
    long id,
    UUID batchId,
    String number,
    VoiceSlot slot,
    String oldRouteId,
    String newRouteId,
    Instant at,
    ChangeOutcome outcome,
    String detail) {}
