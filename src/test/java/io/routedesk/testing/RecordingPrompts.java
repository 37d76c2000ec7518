package io.routedesk.testing;

import io.routedesk.ui.model.UserPrompts;
import java.util.ArrayList;
import java.util.List;

/** {@link UserPrompts} for view-model tests: records every question and notice, answers as told. */
public final class RecordingPrompts implements UserPrompts {
  /** A notice shown with {@link #inform}. */
  public record Notice(String title, String message) {}

  public final List<Confirmation> asked = new ArrayList<>();
  public final List<Notice> told = new ArrayList<>();
  private boolean answer;

  /** Confirms (true) or cancels (false) every question from now on; cancels until told. */
  public RecordingPrompts answering(boolean yes) {
    this.answer = yes;
    return this;
  }

  @Override
  public boolean confirm(Confirmation question) {
    asked.add(question);
    return answer;
  }

  @Override
  public void inform(String title, String message) {
    told.add(new Notice(title, message));
  }
}
