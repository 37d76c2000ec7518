package io.routedesk.service;

import io.routedesk.domain.Draft;
import io.routedesk.domain.DraftState;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PendingAssignment;
import io.routedesk.domain.PhoneNumbers;
import io.routedesk.domain.Plural;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteValues;
import io.routedesk.domain.Validation;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.BulkResult;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.FlowrouteClient.ProgressListener;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.store.ApplyLock;
import io.routedesk.store.BatchKind;
import io.routedesk.store.ChangeOutcome;
import io.routedesk.store.JournalEntry;
import io.routedesk.store.LocalStore;
import io.routedesk.store.StoreException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draft routes: saved offline, published when Flowroute is reachable, never created twice and never
 * lost.
 *
 * <p>Publishing one draft: re-validate it; list the account's routes and stop if its alias is
 * taken; record PUBLISHING with a fresh publish token (durable) <em>before</em> sending the create
 * request; record PUBLISHED with the new id. A process killed anywhere in between leaves the draft
 * PUBLISHING, and {@link #resumeInterrupted()} (call it at start-up) resolves it by looking for a
 * route with the same alias, type and value on the server: found means published (never sent
 * again), absent means back to DRAFT. After publishing, the draft's pending assignments are applied
 * through the {@link ChangeEngine} (journaled, per number), from a fresh reading of their numbers.
 *
 * <p>A publish holds the account's {@link ApplyLock} from checking the draft to recording the
 * outcome, so another window or process publishing the same drafts waits, then finds them
 * published: a route is never created twice.
 *
 * <p>All methods return at once; disk and network work runs on the given executor (one task per
 * call; it blocks on the client's futures, so virtual threads suit it). Futures complete on that
 * executor: view models hop to the FX thread themselves. Publish futures do not fail for Flowroute
 * or disk errors: those become a {@link PublishResult} with a message.
 */
public final class DraftService {
  private static final Logger LOG = LoggerFactory.getLogger(DraftService.class);

  private final LocalStore store;
  private final FlowrouteClient client;
  private final Executor executor;
  private final ChangeEngine engine;

  /** Drafts being published by this service now (a second publish of one gets IN_PROGRESS). */
  private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

  public DraftService(LocalStore store, FlowrouteClient client, Executor executor) {
    this(store, client, executor, new ChangeEngine(store, client, executor));
  }

  public DraftService(
      LocalStore store, FlowrouteClient client, Executor executor, ChangeEngine engine) {
    this.store = Objects.requireNonNull(store, "store");
    this.client = Objects.requireNonNull(client, "client");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  // ---------------------------------------------------------------------------------------------
  // Drafts (each durable on disk when its future completes)

  public CompletableFuture<Draft> createDraft(NewRoute route) {
    return async(() -> store.createDraft(route));
  }

  public CompletableFuture<Draft> updateDraft(UUID draftId, NewRoute route) {
    return async(() -> store.updateDraft(draftId, route));
  }

  public CompletableFuture<Boolean> deleteDraft(UUID draftId) {
    return async(() -> store.deleteDraft(draftId));
  }

  public CompletableFuture<List<Draft>> listDrafts() {
    return async(store::listDrafts);
  }

  public CompletableFuture<Integer> addPendingAssignments(
      UUID draftId, Collection<String> numbers, VoiceSlot slot) {
    List<String> copy = List.copyOf(numbers);
    return async(() -> store.addPendingAssignments(draftId, copy, slot));
  }

  /**
   * Makes the draft's route {@code slot} of these numbers once it is published, replacing what
   * another draft had pending for the same number and slot. Durable when the future completes;
   * returns how many were new.
   */
  public CompletableFuture<Integer> assignPending(
      UUID draftId, Collection<String> numbers, VoiceSlot slot) {
    List<String> copy = List.copyOf(numbers);
    return async(() -> store.assignPending(draftId, copy, slot));
  }

  /** Drops these pending assignments (of any drafts) in one transaction; returns how many. */
  public CompletableFuture<Integer> removePendingAssignments(
      Collection<PendingAssignment> assignments) {
    List<PendingAssignment> copy = List.copyOf(assignments);
    return async(() -> store.removePendingAssignments(copy));
  }

  public CompletableFuture<Boolean> removePendingAssignment(
      UUID draftId, String number, VoiceSlot slot) {
    return async(() -> store.removePendingAssignment(draftId, number, slot));
  }

  public CompletableFuture<List<PendingAssignment>> pendingAssignments(UUID draftId) {
    return async(() -> store.pendingAssignments(draftId));
  }

  /** Every draft's pending assignments (badges in the numbers table). */
  public CompletableFuture<List<PendingAssignment>> allPendingAssignments() {
    return async(store::allPendingAssignments);
  }

  /** What a publish applied, per number (its {@link PublishResult#changeBatchId()}). */
  public CompletableFuture<List<JournalEntry>> changeBatch(UUID batchId) {
    return async(() -> engine.journal().entries(batchId));
  }

  // ---------------------------------------------------------------------------------------------
  // Publishing

  public CompletableFuture<PublishResult> publish(UUID draftId) {
    return publish(draftId, CancellationToken.NONE);
  }

  /**
   * Publishes one draft and applies its pending assignments. A PUBLISHED draft only gets its
   * leftover assignments applied; a PUBLISHING one left by a crash is resolved first.
   */
  public CompletableFuture<PublishResult> publish(UUID draftId, CancellationToken cancel) {
    return async(() -> publishOne(draftId, new ServerRoutes(), cancel));
  }

  public CompletableFuture<List<PublishResult>> publishAll() {
    return publishAll(CancellationToken.NONE, ProgressListener.NONE);
  }

  /**
   * Publishes every DRAFT and FAILED draft, resolves interrupted ones, and applies leftover
   * assignments of published ones, one draft after another (the route list is fetched once). Drafts
   * not started when cancelled get CANCELLED. Progress counts drafts.
   */
  public CompletableFuture<List<PublishResult>> publishAll(
      CancellationToken cancel, ProgressListener progress) {
    return async(
        () -> {
          ApplyLock.Held held;
          try {
            held = engine.hold();
          } catch (ChangeEngine.ChangeRefusedException e) {
            return drafts(d -> d.state() != DraftState.PUBLISHED).stream()
                .map(d -> PublishResult.of(d.id(), PublishOutcome.IN_PROGRESS, d, e.getMessage()))
                .toList();
          }
          // One hold for the whole run: the route list fetched once stays true throughout.
          try (held) {
            return publishAllHeld(cancel, progress);
          }
        });
  }

  private List<Draft> drafts(java.util.function.Predicate<Draft> filter) {
    return store.listDrafts().stream().filter(filter).toList();
  }

  private List<PublishResult> publishAllHeld(CancellationToken cancel, ProgressListener progress) {
    Set<UUID> withPending = new HashSet<>();
    for (PendingAssignment a : store.allPendingAssignments()) {
      withPending.add(a.draftId());
    }
    List<Draft> todo =
        drafts(d -> d.state() != DraftState.PUBLISHED || withPending.contains(d.id()));
    ServerRoutes server = new ServerRoutes();
    List<PublishResult> results = new ArrayList<>();
    progress.progress(0, todo.size());
    for (Draft d : todo) {
      if (cancel.isCancelled()) {
        results.add(
            PublishResult.of(
                d.id(), PublishOutcome.CANCELLED, d, "Cancelled before it was published."));
      } else {
        results.add(publishOne(d.id(), server, cancel));
      }
      progress.progress(results.size(), todo.size());
    }
    return results;
  }

  /**
   * Resolves drafts left PUBLISHING by a crash: the route exists on the server (same alias, type
   * and value) → PUBLISHED with its id; it does not → back to DRAFT. Nothing is sent and no
   * assignment is applied (publishing the draft again applies them). Offline: STILL_UNKNOWN.
   */
  public CompletableFuture<List<PublishResult>> resumeInterrupted() {
    return async(
        () -> {
          ServerRoutes server = new ServerRoutes();
          List<PublishResult> results = new ArrayList<>();
          for (Draft d : store.listDrafts(DraftState.PUBLISHING)) {
            if (!inFlight.add(d.id())) {
              continue;
            }
            try (ApplyLock.Held held = engine.hold()) {
              // Under the lock: another process may be publishing it right now.
              Optional<Draft> fresh = store.findDraft(d.id());
              if (fresh.isEmpty() || fresh.get().state() != DraftState.PUBLISHING) {
                continue;
              }
              results.add(resolveInterrupted(fresh.get(), server));
            } catch (ChangeEngine.ChangeRefusedException e) {
              results.add(PublishResult.of(d.id(), PublishOutcome.IN_PROGRESS, d, e.getMessage()));
            } catch (StoreException e) {
              results.add(storeFailure(d.id(), e));
            } finally {
              inFlight.remove(d.id());
            }
          }
          return results;
        });
  }

  /**
   * Publishes one draft under the account's lock. The draft and the route list are read after the
   * lock is taken ({@code server} lists lazily), so a draft another process published while this
   * one waited is found published, not sent again.
   */
  private PublishResult publishOne(UUID id, ServerRoutes server, CancellationToken cancel) {
    if (!inFlight.add(id)) {
      return PublishResult.of(
          id,
          PublishOutcome.IN_PROGRESS,
          store.findDraft(id).orElse(null),
          "This draft is already being published.");
    }
    ApplyLock.Held held;
    try {
      held = engine.hold();
    } catch (ChangeEngine.ChangeRefusedException e) {
      inFlight.remove(id);
      return PublishResult.of(id, PublishOutcome.IN_PROGRESS, null, e.getMessage());
    }
    try (held) {
      Optional<Draft> found = store.findDraft(id);
      if (found.isEmpty()) {
        return PublishResult.of(
            id, PublishOutcome.NOT_FOUND, null, "This draft no longer exists; it was deleted.");
      }
      Draft draft = found.get();
      if (cancel.isCancelled()) {
        return PublishResult.of(
            id, PublishOutcome.CANCELLED, draft, "Cancelled before it was published.");
      }
      switch (draft.state()) {
        case PUBLISHED -> {
          return published(PublishOutcome.ALREADY_PUBLISHED, draft, null, cancel);
        }
        case PUBLISHING -> {
          PublishResult resolved = resolveInterrupted(draft, server);
          if (resolved.outcome() != PublishOutcome.RETURNED_TO_DRAFT) {
            return resolved.outcome().isPublished()
                ? published(resolved.outcome(), resolved.draft(), resolved.message(), cancel)
                : resolved;
          }
          draft = resolved.draft();
        }
        case DRAFT, FAILED -> {}
      }
      return send(draft, server, cancel);
    } catch (StoreException e) {
      return storeFailure(id, e);
    } finally {
      inFlight.remove(id);
    }
  }

  private PublishResult send(Draft draft, ServerRoutes server, CancellationToken cancel) {
    UUID id = draft.id();
    String invalid = validationProblem(draft);
    if (invalid != null) {
      Draft kept = store.returnToDraft(id, DraftState.DRAFT, invalid, false);
      return PublishResult.of(id, PublishOutcome.INVALID, kept, invalid);
    }
    NewRoute toSend = draft.routeToSend();

    List<Route> routes;
    try {
      routes = server.get();
    } catch (RuntimeException e) {
      return notSent(draft, e, "Could not check the account's routes before publishing");
    }
    Optional<Route> sameAlias =
        routes.stream().filter(r -> RouteValues.sameAlias(r.alias(), toSend.alias())).findFirst();
    if (sameAlias.isPresent()) {
      Route existing = sameAlias.get();
      if (draft.publishToken() != null && isOwn(toSend, existing)) {
        // An earlier attempt's answer was lost, but the route it created is there.
        Draft done = store.markPublished(id, existing.id());
        store.upsertRoute(existing);
        LOG.info("Draft {} found on the server as route {} (earlier attempt)", id, existing.id());
        return published(PublishOutcome.RECOVERED, done, null, CancellationToken.NONE);
      }
      String reason =
          "A route named \""
              + existing.alias()
              + "\" already exists on the account (route "
              + existing.id()
              + ", "
              + existing.type().wireName()
              + (existing.value() != null ? " " + existing.value() : "")
              + "). Choose another alias, then publish again.";
      Draft kept = store.returnToDraft(id, DraftState.DRAFT, reason, false);
      return PublishResult.of(id, PublishOutcome.ALIAS_CONFLICT, kept, reason);
    }
    if (cancel.isCancelled()) {
      return PublishResult.of(
          id, PublishOutcome.CANCELLED, draft, "Cancelled before it was published.");
    }

    String token = UUID.randomUUID().toString();
    Optional<Draft> marked = store.beginPublishing(id, token);
    if (marked.isEmpty()) {
      return PublishResult.of(
          id,
          PublishOutcome.IN_PROGRESS,
          store.findDraft(id).orElse(null),
          "This draft changed state while publishing started (published elsewhere?).");
    }
    // From here until markPublished, a crash leaves PUBLISHING + token: resumeInterrupted().
    Route created;
    try {
      created = client.createRoute(toSend).join();
    } catch (RuntimeException e) {
      return createFailed(marked.get(), toSend, e, server);
    }
    Draft done;
    try {
      done = store.markPublished(id, created.id());
      store.upsertRoute(created);
    } catch (StoreException e) {
      return PublishResult.of(
          id,
          PublishOutcome.FAILED,
          null,
          "Flowroute created the route (id "
              + created.id()
              + ") but it could not be recorded locally: "
              + e.getMessage()
              + ". It will be recognised when RouteDesk next starts.");
    }
    server.add(created);
    LOG.info("Draft {} published as route {}", id, created.id());
    return published(PublishOutcome.PUBLISHED, done, null, cancel);
  }

  private PublishResult createFailed(
      Draft publishing, NewRoute sent, RuntimeException failure, ServerRoutes server) {
    UUID id = publishing.id();
    FlowrouteException fe = FlowrouteException.unwrap(failure);
    if (fe != null
        && (fe.kind() == FlowrouteException.Kind.INVALID
            || fe.kind() == FlowrouteException.Kind.FORBIDDEN)) {
      String reason = "Flowroute refused the route: " + serverReason(fe);
      Draft kept = store.returnToDraft(id, DraftState.DRAFT, reason, true);
      return PublishResult.of(id, PublishOutcome.REJECTED, kept, reason);
    }
    if (fe != null && fe.kind() == FlowrouteException.Kind.CANCELLED) {
      String reason = "Publishing was cancelled before the route was sent.";
      Draft kept = store.returnToDraft(id, DraftState.DRAFT, reason, true);
      return PublishResult.of(id, PublishOutcome.CANCELLED, kept, reason);
    }
    boolean outcomeUnknown = fe == null || fe.isRetryable();
    if (outcomeUnknown) {
      // The request may have reached Flowroute: look before declaring it unpublished.
      Optional<Route> landed = server.refreshQuietly().flatMap(rs -> findMatch(rs, sent));
      if (landed.isPresent()) {
        Draft done = store.markPublished(id, landed.get().id());
        store.upsertRoute(landed.get());
        return published(PublishOutcome.PUBLISHED, done, null, CancellationToken.NONE);
      }
      if (fe != null) {
        String reason =
            "Not published: "
                + fe.getMessage()
                + " The draft is kept; publish again when Flowroute can be reached.";
        Draft kept = store.returnToDraft(id, DraftState.DRAFT, reason, false);
        return PublishResult.of(id, PublishOutcome.UNREACHABLE, kept, reason);
      }
      LOG.warn("Unexpected failure publishing draft {}", id, failure);
      String reason = "Publishing failed unexpectedly: " + rootMessage(failure);
      Draft kept = store.returnToDraft(id, DraftState.FAILED, reason, false);
      return PublishResult.of(id, PublishOutcome.FAILED, kept, reason);
    }
    String reason = "Not published: " + fe.getMessage();
    Draft kept = store.returnToDraft(id, DraftState.FAILED, reason, true);
    return PublishResult.of(id, PublishOutcome.FAILED, kept, reason);
  }

  private PublishResult resolveInterrupted(Draft draft, ServerRoutes server) {
    List<Route> routes;
    try {
      routes = server.get();
    } catch (RuntimeException e) {
      return PublishResult.of(
          draft.id(),
          PublishOutcome.STILL_UNKNOWN,
          draft,
          "An earlier publish of this draft was interrupted and Flowroute cannot be reached to"
              + " check whether it arrived ("
              + rootMessage(e)
              + "). It will be checked again; it will not be sent twice.");
    }
    Optional<Route> match = findMatch(routes, draft.routeToSend());
    if (match.isPresent()) {
      Draft done = store.markPublished(draft.id(), match.get().id());
      store.upsertRoute(match.get());
      int waiting = store.pendingAssignments(draft.id()).size();
      LOG.info(
          "Interrupted publish of draft {} had created route {}", draft.id(), match.get().id());
      return PublishResult.of(
          draft.id(),
          PublishOutcome.RECOVERED,
          done,
          "An interrupted publish had reached Flowroute: the draft is route "
              + match.get().id()
              + "."
              + (waiting > 0
                  ? " " + waiting + " pending assignments are waiting; publish again to apply them."
                  : ""));
    }
    Draft back =
        store.returnToDraft(
            draft.id(),
            DraftState.DRAFT,
            "An earlier publish was interrupted before Flowroute created the route; nothing was"
                + " created. Publish again.",
            false);
    return PublishResult.of(draft.id(), PublishOutcome.RETURNED_TO_DRAFT, back, back.lastError());
  }

  /** Applies the draft's pending assignments (if any) and builds the result. */
  private PublishResult published(
      PublishOutcome outcome, Draft draft, String message, CancellationToken cancel) {
    List<PendingAssignment> pending = store.pendingAssignments(draft.id());
    if (pending.isEmpty()) {
      return new PublishResult(draft.id(), outcome, draft, message, List.of(), null);
    }
    UUID[] batch = new UUID[1];
    List<AssignmentResult> results = applyAssignments(draft, pending, batch, cancel);
    long dropped =
        results.stream()
            .filter(r -> r.message() != null && r.message().startsWith("Dropped:"))
            .count();
    long notDone =
        results.stream().filter(r -> r.outcome() != ChangeOutcome.DONE).count() - dropped;
    List<String> parts = new ArrayList<>();
    if (message != null) {
      parts.add(message);
    }
    if (notDone > 0) {
      parts.add(
          notDone
              + " of "
              + results.size()
              + " assignments were not applied; they stay pending. Publish again to retry.");
    }
    if (dropped > 0) {
      parts.add(
          dropped
              + (dropped == 1 ? " assignment was" : " assignments were")
              + " dropped: the number is no longer on this account.");
    }
    String summary = parts.isEmpty() ? null : String.join(" ", parts);
    return new PublishResult(draft.id(), outcome, draft, summary, results, batch[0]);
  }

  /**
   * Applies the draft's pending assignments through the change engine (journaled as a PUBLISH
   * batch). Their numbers are read first, so the journal holds their real routing and the saved
   * copy is only ever changed by what Flowroute shows: a number that is no longer on the account
   * has its assignments dropped with the reason; one that cannot be read keeps them pending.
   */
  private List<AssignmentResult> applyAssignments(
      Draft draft, List<PendingAssignment> pending, UUID[] batch, CancellationToken cancel) {
    String routeId = draft.serverRouteId();
    List<String> numbers = pending.stream().map(PendingAssignment::number).distinct().toList();
    List<AssignmentResult> results = new ArrayList<>();
    Map<String, NumberRouting> now = new LinkedHashMap<>();
    List<PendingAssignment> gone = new ArrayList<>();
    try {
      BulkResult<NumberDetails> read =
          client.numberDetails(numbers, ProgressListener.NONE, cancel).join();
      read.succeeded().forEach((n, d) -> now.put(n, d.routing()));
      for (PendingAssignment p : pending) {
        FlowrouteException e = read.failed().get(p.number());
        if (now.containsKey(p.number())) {
          continue;
        }
        boolean leftTheAccount = e != null && e.kind() == FlowrouteException.Kind.NOT_FOUND;
        if (leftTheAccount) {
          gone.add(p);
        }
        String why =
            leftTheAccount
                ? "Dropped: " + PhoneNumbers.format(p.number()) + " is no longer on this account."
                : "Not applied: its routing could not be read ("
                    + (e != null ? e.getMessage() : "cancelled")
                    + "). It stays pending.";
        results.add(
            new AssignmentResult(p.number(), p.slot(), routeId, ChangeOutcome.SKIPPED, why));
      }
    } catch (RuntimeException e) {
      String reason =
          "Not applied: the numbers' routing could not be read ("
              + rootMessage(e)
              + "). They stay pending.";
      for (PendingAssignment p : pending) {
        results.add(
            new AssignmentResult(p.number(), p.slot(), routeId, ChangeOutcome.SKIPPED, reason));
      }
      return results;
    }
    if (!gone.isEmpty()) {
      store.removePendingAssignments(draft.id(), gone);
    }
    Map<String, NumberRouting> target = new LinkedHashMap<>();
    List<PendingAssignment> applicable = new ArrayList<>();
    for (PendingAssignment p : pending) {
      NumberRouting current = now.get(p.number());
      if (current != null) {
        target.put(p.number(), target.getOrDefault(p.number(), current).with(p.slot(), routeId));
        applicable.add(p);
      }
    }
    List<NumberChange> changes = new ArrayList<>();
    target.forEach((n, after) -> changes.add(new NumberChange(now.get(n), after)));
    String description =
        "Assignments of published draft “"
            + draft.label()
            + "” ("
            + Plural.count(target.size(), "number")
            + ")";
    BatchReport report =
        engine.runHeld(
            BatchKind.PUBLISH,
            null,
            new AssignmentPlan(description, changes),
            BatchListener.NONE,
            cancel,
            () -> {});
    batch[0] = report.batchId();
    Map<String, NumberOutcome> byNumber = new LinkedHashMap<>();
    report.outcomes().forEach(o -> byNumber.put(o.number(), o));
    List<PendingAssignment> alreadySet = new ArrayList<>();
    for (PendingAssignment p : applicable) {
      NumberOutcome o = byNumber.get(p.number());
      if (o == null) {
        // Flowroute already had this routing: nothing to send, nothing left pending.
        alreadySet.add(p);
        results.add(new AssignmentResult(p.number(), p.slot(), routeId, ChangeOutcome.DONE, null));
        continue;
      }
      ChangeOutcome outcome =
          switch (o.status()) {
            case DONE -> ChangeOutcome.DONE;
            case FAILED -> ChangeOutcome.FAILED;
            case SKIPPED -> ChangeOutcome.SKIPPED;
          };
      results.add(
          new AssignmentResult(
              p.number(), p.slot(), routeId, outcome, o.reason().isEmpty() ? null : o.reason()));
    }
    if (!alreadySet.isEmpty()) {
      store.removePendingAssignments(draft.id(), alreadySet);
    }
    return results;
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  /** The account's routes, fetched at most once per operation, plus routes created meanwhile. */
  private final class ServerRoutes {
    private List<Route> routes;

    List<Route> get() {
      if (routes == null) {
        routes = new ArrayList<>(client.listAllRoutes(null, ProgressListener.NONE).join());
      }
      return routes;
    }

    void add(Route route) {
      if (routes != null) {
        routes.add(route);
      }
    }

    /** A fresh listing, or empty when it cannot be had. */
    Optional<List<Route>> refreshQuietly() {
      try {
        routes = null;
        return Optional.of(get());
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }
  }

  private static Optional<Route> findMatch(List<Route> routes, NewRoute route) {
    return routes.stream().filter(r -> isOwn(route, r)).findFirst();
  }

  /**
   * True when {@code existing} can only be the route this draft's earlier attempt created: every
   * attribute the draft sets is the same, the edge strategy included. A route someone else made
   * with the same alias, type and value but another edge strategy is an alias conflict instead.
   */
  private static boolean isOwn(NewRoute sent, Route existing) {
    return sent.matches(existing)
        && (sent.edgeStrategyId() == null
            || Objects.equals(sent.edgeStrategyId(), existing.edgeStrategyId()));
  }

  /** Null when the draft can be sent; else what to fix. */
  private static String validationProblem(Draft draft) {
    if (!draft.type().isCreatable()) {
      return RouteValues.validate(draft.type(), draft.value()).message();
    }
    Validation alias = RouteValues.validateAlias(draft.alias());
    if (!alias.valid()) {
      return alias.message();
    }
    Validation value = RouteValues.validate(draft.type(), draft.value());
    return value.valid() ? null : value.message();
  }

  private PublishResult notSent(Draft draft, RuntimeException e, String what) {
    FlowrouteException fe = FlowrouteException.unwrap(e);
    if (fe != null && !fe.isRetryable() && fe.kind() != FlowrouteException.Kind.CANCELLED) {
      String reason = what + ": " + fe.getMessage();
      Draft kept = store.returnToDraft(draft.id(), DraftState.FAILED, reason, false);
      return PublishResult.of(draft.id(), PublishOutcome.FAILED, kept, reason);
    }
    String reason = what + ": " + rootMessage(e) + " The draft is kept; publish again when online.";
    Draft kept = store.returnToDraft(draft.id(), DraftState.DRAFT, reason, false);
    return PublishResult.of(draft.id(), PublishOutcome.UNREACHABLE, kept, reason);
  }

  private PublishResult storeFailure(UUID id, StoreException e) {
    LOG.error("Local database failure while publishing draft {}", id, e);
    return PublishResult.of(
        id,
        PublishOutcome.FAILED,
        null,
        e.getMessage() + " The draft was not sent, or its outcome will be checked at next start.");
  }

  private static String serverReason(FlowrouteException fe) {
    if (fe.detail() != null && !fe.detail().isBlank()) {
      return fe.detail()
          + (fe.title() != null && !fe.title().isBlank() ? " (" + fe.title() + ")" : "");
    }
    if (fe.title() != null && !fe.title().isBlank()) {
      return fe.title();
    }
    return fe.getMessage();
  }

  private static String rootMessage(Throwable t) {
    FlowrouteException fe = FlowrouteException.unwrap(t);
    if (fe != null) {
      return fe.getMessage();
    }
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
  }

  private <T> CompletableFuture<T> async(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, executor);
  }
}
