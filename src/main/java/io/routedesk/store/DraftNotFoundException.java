package io.routedesk.store;

import java.util.UUID;

/** The draft does not exist (deleted, or never saved in this account's database). */
public final class DraftNotFoundException extends StoreException {
  private final UUID draftId;

  public DraftNotFoundException(UUID draftId) {
    super("The draft " + draftId + " no longer exists; it may have been deleted.");
    this.draftId = draftId;
  }

  public UUID draftId() {
    return draftId;
  }
}
