package io.routedesk.ui.model;

/**
 * How view-models ask the user and tell them what they must acknowledge, without knowing about
 * dialogs. The shell implements it with modal dialogs over the main window; view-model tests use a
 * fake that records what was asked and answers as told. Called on the UI thread.
 */
public interface UserPrompts {
  /**
   * A question with one action besides Cancel.
   *
   * @param confirmLabel the action's button ("Delete route")
   * @param destructive whether it cannot be undone (shown as such)
   */
  record Confirmation(
      String title, String header, String message, String confirmLabel, boolean destructive) {}

  /** Asks and waits for the answer: true when the user chose the action. */
  boolean confirm(Confirmation question);

  /** Tells something the user acknowledges, such as why an action cannot be done now. */
  void inform(String title, String message);
}
