package io.routedesk.ui.numbers;

import io.routedesk.domain.VoiceSlot;
import io.routedesk.service.AssignmentPlan;
import java.util.List;
import java.util.UUID;

/**
 * What a drop or an "Assign…" command would do: accepted with a plan (and the numbers it leaves
 * alone, with why), or refused with the reason. {@code headline} is what the drop target shows,
 * e.g. "Primary of 12 numbers → pbx-east".
 *
 * @param draftId set when the route is a draft: nothing is sent, the plan's numbers get a pending
 *     assignment of {@code slot} applied when the draft is published
 */
public record Proposal(
    boolean accepted,
    String headline,
    String detail,
    AssignmentPlan plan,
    List<Skip> skipped,
    UUID draftId,
    VoiceSlot slot) {

  public Proposal {
    skipped = List.copyOf(skipped);
    detail = detail == null ? "" : detail;
  }

  public Proposal(
      boolean accepted, String headline, String detail, AssignmentPlan plan, List<Skip> skipped) {
    this(accepted, headline, detail, plan, skipped, null, null);
  }

  /** True when accepting it only records pending assignments of a draft (works offline). */
  public boolean isDraft() {
    return draftId != null;
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
