package io.routedesk.ui.routingfile;

import io.routedesk.domain.Plural;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.service.plan.AccountReader;
import io.routedesk.service.plan.AccountRouting;
import io.routedesk.service.plan.PlanApplier;
import io.routedesk.service.plan.PlanBuilder;
import io.routedesk.service.plan.RoutingFile;
import io.routedesk.service.plan.RoutingFileIo;
import io.routedesk.service.plan.RoutingPlan;
import io.routedesk.ui.model.AccountState;
import io.routedesk.ui.model.Activity;
import io.routedesk.ui.text.ErrorMessages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * File → Export… and File → Import plan…: the account read fresh from Flowroute in the background
 * (never the window's copy, which may be older), then written as the command line's {@code export}
 * writes it, or compared with a routing file into a plan for {@link PlanReviewViewModel}. Progress
 * shows in the status bar; the outcome in a toast.
 */
public final class RoutingFileViewModel {
  private final AccountReader reader;
  private final PlanApplier applier;
  private final AccountState account;
  private final Activity activity;
  private final Executor io;
  private final Executor ui;
  private final Runnable onApplied;
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
  private final ReadOnlyIntegerWrapper applying = new ReadOnlyIntegerWrapper(this, "applying");

  /**
   * @param io where files are read and written and plans built (never the FX thread)
   * @param onApplied called on {@code ui} after each apply (the history reloads)
   */
  public RoutingFileViewModel(
      AccountReader reader,
      PlanApplier applier,
      AccountState account,
      Activity activity,
      Executor io,
      Executor ui,
      Runnable onApplied) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.applier = Objects.requireNonNull(applier, "applier");
    this.account = Objects.requireNonNull(account, "account");
    this.activity = Objects.requireNonNull(activity, "activity");
    this.io = Objects.requireNonNull(io, "io");
    this.ui = Objects.requireNonNull(ui, "ui");
    this.onApplied = Objects.requireNonNull(onApplied, "onApplied");
  }

  /** True while an export or an import reads the account: a second one waits for it. */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** How many plans are being applied now: Quit asks first while one is. */
  public ReadOnlyIntegerProperty applyingProperty() {
    return applying.getReadOnlyProperty();
  }

  /**
   * Reads the account and writes it to {@code numbersFile} and its routes file beside it. Completes
   * with the sentence the toast shows; fails with one saying what went wrong.
   */
  public CompletableFuture<String> export(Path numbersFile) {
    Activity.Task task = begin("Exporting the account");
    return readAccount(task)
        .thenApplyAsync(
            routing -> {
              try {
                Path routesFile = RoutingFileIo.export(routing, numbersFile);
                return exported(routing, numbersFile, routesFile);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            io)
        .handleAsync(
            (message, error) -> {
              end(task);
              if (error != null) {
                throw failure("Not exported", error, numbersFile);
              }
              activity.notify(
                  message.contains("could not be read")
                      ? Activity.Severity.WARNING
                      : Activity.Severity.SUCCESS,
                  message);
              return message;
            },
            ui);
  }

  private static String exported(AccountRouting routing, Path numbersFile, Path routesFile) {
    String message =
        "Exported "
            + Plural.count(routing.numbers().size(), "number")
            + " to "
            + numbersFile.getFileName()
            + " and "
            + Plural.count(routing.routes().size(), "route")
            + " to "
            + routesFile.getFileName()
            + " in "
            + numbersFile.toAbsolutePath().getParent()
            + ".";
    int unreadable = routing.unreadable().size();
    return unreadable == 0
        ? message
        : message
            + " The routing of "
            + Plural.count(unreadable, "number")
            + " could not be read; their rows say so. Export again.";
  }

  /**
   * Reads the routing file (and its routes file beside it, when there is one) and the account, and
   * makes the plan. Completes with the review; fails with a sentence when a file or the account
   * cannot be read (problems in the rows are part of the plan, not failures).
   */
  public CompletableFuture<PlanReviewViewModel> importPlan(Path numbersFile) {
    Activity.Task task = begin("Reading " + numbersFile.getFileName());
    CompletableFuture<RoutingFile> file =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return RoutingFileIo.read(numbersFile, null);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            io);
    return file.thenCompose(f -> readAccount(task).thenApplyAsync(a -> PlanBuilder.build(f, a), io))
        .handleAsync(
            (plan, error) -> {
              end(task);
              if (error != null) {
                throw failure("No plan made", error, numbersFile);
              }
              return review(plan, numbersFile.getFileName().toString());
            },
            ui);
  }

  private PlanReviewViewModel review(RoutingPlan plan, String fileName) {
    PlanReviewViewModel review =
        new PlanReviewViewModel(plan, fileName, applier, account, activity, ui, onApplied);
    review
        .phaseProperty()
        .addListener(
            (o, was, now) -> {
              if (now == PlanReviewViewModel.Phase.APPLYING) {
                applying.set(applying.get() + 1);
              } else if (was == PlanReviewViewModel.Phase.APPLYING) {
                applying.set(applying.get() - 1);
              }
            });
    return review;
  }

  /** Says in a toast why nothing was done; the exception to complete the future with. */
  private IllegalStateException failure(String outcome, Throwable error, Path file) {
    String why = outcome + ": " + describe(error, file);
    activity.notify(Activity.Severity.ERROR, why);
    return new IllegalStateException(why, error);
  }

  private Activity.Task begin(String what) {
    busy.set(true);
    return activity.start(what + "…");
  }

  private void end(Activity.Task task) {
    task.finish();
    busy.set(false);
  }

  private CompletableFuture<AccountRouting> readAccount(Activity.Task task) {
    return reader.read(
        (done, total) ->
            ui.execute(() -> task.update("Reading the account's routing", done, total)),
        new CancellationToken());
  }

  /** A file error in words a user can act on; anything else as {@link ErrorMessages} says it. */
  static String describe(Throwable error, Path file) {
    Throwable t = ErrorMessages.unwrap(error);
    if (t instanceof UncheckedIOException u) {
      t = u.getCause();
    }
    if (t instanceof AccessDeniedException) {
      return "RouteDesk may not write or read "
          + file.toAbsolutePath().getParent()
          + " (permission denied). Choose another folder.";
    }
    if (t instanceof NoSuchFileException e) {
      return "There is no file or folder " + e.getFile() + ".";
    }
    if (t instanceof IOException e) {
      String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
      if (reason != null && reason.toLowerCase(Locale.ROOT).contains("no space")) {
        return "The disk is full. Free some space or choose another disk; nothing was left half"
            + " written.";
      }
      return "The file " + file + " could not be read or written: " + e.getMessage();
    }
    return ErrorMessages.describe(error);
  }
}
