package io.routedesk.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** "When this draft is published, make it {@code slot} of {@code number}." */
public record PendingAssignment(UUID draftId, String number, VoiceSlot slot, Instant addedAt) {
  public PendingAssignment {
    Objects.requireNonNull(draftId, "draftId");
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(addedAt, "addedAt");
  }
}
