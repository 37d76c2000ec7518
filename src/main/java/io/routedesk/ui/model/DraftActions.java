package io.routedesk.ui.model;

import io.routedesk.domain.Draft;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.service.PublishResult;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javafx.beans.binding.IntegerExpression;
import javafx.beans.value.ObservableBooleanValue;

/**
 * What the route list, the numbers panel and the route form may do with drafts (the drafts feature
 * implements it). Every future completes on the UI executor, after the change is on disk and shown.
 */
public interface DraftActions {
  /** Saves a new draft; it may be incomplete (it is validated again when published). */
  CompletableFuture<Draft> createDraft(NewRoute route);

  CompletableFuture<Draft> updateDraft(UUID draftId, NewRoute route);

  CompletableFuture<Boolean> deleteDraft(UUID draftId);

  /** "Make the draft's route {@code slot} of these numbers when it is published." */
  CompletableFuture<Integer> assignPending(UUID draftId, List<String> numbers, VoiceSlot slot);

  /** Drops every pending draft assignment of these numbers. */
  CompletableFuture<Integer> dropPending(List<String> numbers);

  /** Publishes these drafts (validated again first) and applies their pending assignments. */
  CompletableFuture<List<PublishResult>> publish(List<UUID> draftIds);

  /** Publishes every draft not yet on Flowroute. */
  CompletableFuture<List<PublishResult>> publishAll();

  /** Drafts not yet on Flowroute (what "Publish all" would send). */
  IntegerExpression unpublishedCountProperty();

  /** True while a publish runs. */
  ObservableBooleanValue publishingProperty();
}
