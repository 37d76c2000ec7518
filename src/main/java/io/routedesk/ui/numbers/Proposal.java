package io.routedesk.ui.numbers;

import io.routedesk.service.AssignmentPlan;
import java.util.List;

/**
 * What a drop or an "Assign…" command would do: accepted with a plan (and the numbers it leaves
 * alone, with why), or refused with the reason. {@code headline} is what the drop target shows,
 * e.g. "Primary of 12 numbers → pbx-east".
 */
public record Proposal(
    boolean accepted, String headline, String detail, AssignmentPlan plan, List<Skip> skipped) {

  public Proposal {
    skipped = List.copyOf(skipped);
    detail = detail == null ? "" : detail;
  }

  /** A number the command leaves unchanged, and why. */
  public record Skip(String number, String reason) {}

  public static Proposal refused(String reason) {
    return new Proposal(false, reason, "", null, List.of());
  }

  public int changeCount() {
    return plan == null ? 0 : plan.size();
  }
}
