package io.routedesk.service;

import java.util.List;
import java.util.Objects;

/**
 * A batch of number changes to apply together, with a sentence describing it ("Primary of 12
 * numbers → pbx-east") for previews, results and the undo history. No-op changes are dropped.
 */
public record AssignmentPlan(String description, List<NumberChange> changes) {
  public AssignmentPlan {
    Objects.requireNonNull(description, "description");
    changes = changes.stream().filter(c -> !c.isNoOp()).toList();
    long distinct = changes.stream().map(NumberChange::number).distinct().count();
    if (distinct != changes.size()) {
      throw new IllegalArgumentException("A plan changes each number at most once");
    }
  }

  public int size() {
    return changes.size();
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  public List<String> numbers() {
    return changes.stream().map(NumberChange::number).toList();
  }
}
