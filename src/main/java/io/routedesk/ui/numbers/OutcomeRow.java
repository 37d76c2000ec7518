package io.routedesk.ui.numbers;

import io.routedesk.service.NumberOutcome;

/** One line of a batch's result list: the number, what changed, how it ended and why. */
public record OutcomeRow(
    String number,
    String formattedNumber,
    String primaryChange,
    String failoverChange,
    NumberOutcome.Status status,
    String reason) {

  public String statusText() {
    return switch (status) {
      case DONE -> "Done";
      case FAILED -> "Failed";
      case SKIPPED -> "Skipped";
    };
  }
}
