package io.routedesk.ui.model;

import io.routedesk.service.AssignmentPlan;
import io.routedesk.service.BatchReport;
import java.util.concurrent.CompletableFuture;

/**
 * Runs an assignment plan where the user can watch it (the numbers panel's batch panel), without
 * recording it for undo. Lets features outside the numbers panel (moving numbers off a route before
 * deleting it) reuse the same progress, cancel and result display.
 */
@FunctionalInterface
public interface PlanRunner {
  CompletableFuture<BatchReport> runWithoutUndo(AssignmentPlan plan);
}
