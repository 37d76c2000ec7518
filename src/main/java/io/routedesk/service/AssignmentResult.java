package io.routedesk.service;

import io.routedesk.domain.VoiceSlot;
import io.routedesk.store.ChangeOutcome;

/**
 * What happened to one pending assignment of a published draft: DONE, FAILED (message says why; it
 * stays pending for another try) or SKIPPED (not attempted, e.g. cancelled; it stays pending).
 */
public record AssignmentResult(
    String number, VoiceSlot slot, String routeId, ChangeOutcome outcome, String message) {}
