package io.routedesk.cli;

import io.routedesk.domain.Plural;
import io.routedesk.service.ChangeEngine;
import io.routedesk.store.JournalBatch;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
    name = "undo",
    mixinStandardHelpOptions = true,
    description = {
      "Restores the numbers of a batch of the history (an apply, or any change made in the"
          + " window) to their routing before it, as the window's History → Undo does: the"
          + " numbers are read again first, and a number whose routing changed since the batch is"
          + " left alone (a conflict), never overwritten. The undo is itself a batch in the"
          + " history. Route creations and edits are not undone.",
      "An interrupted batch (RouteDesk stopped while sending it): restores what it had changed"
          + " and closes it, as the window's Undo of an interrupted change.",
      "Shows what it will do and asks; without a terminal, or with --json, add --yes."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:restored, or every number already had its routing from before",
      "1:no such batch, a batch of route changes only, not confirmed, the batch is being sent"
          + " now, or some numbers could not be restored",
      "3:restored, but numbers changed since the batch were left alone (conflicts)",
      "4:cancelled (Ctrl+C) before everything was sent"
    })
final class UndoCommand extends BatchCommand {
  UndoCommand(CliContext context) {
    super(context);
  }

  @Override
  protected String verb() {
    return "Undo";
  }

  @Override
  protected Proposal propose(ChangeEngine engine, HistoryReports.Listed listed, ZoneId zone) {
    JournalBatch batch = listed.batch();
    String title =
        "Undo of batch " + HistoryReports.shortId(batch.id()) + ": " + batch.description();
    if (batch.numbers() == 0) {
      throw new CliException(
          ExitCodes.ERRORS,
          "Batch "
              + HistoryReports.shortId(batch.id())
              + " changed routes only; undo restores numbers' routing, not routes. Edit or delete"
              + " the route instead. Nothing was sent.");
    }
    String routesNote =
        batch.routeChanges() == 0
            ? ""
            : "\n"
                + Plural.count(batch.routeChanges(), "route change")
                + " of this batch stay as they are (undo restores numbers' routing only).";
    if (listed.state() == HistoryReports.State.INTERRUPTED) {
      ChangeEngine.Interruption i = interruption(engine, listed);
      List<String> ours = new ArrayList<>(i.done());
      ours.addAll(i.notDone());
      long restore = changedByTheBatch(i, ours);
      String description =
          i.summary(zone)
              + " Undo restores "
              + Plural.count(restore, "number")
              + " it had changed to their routing before it, and closes the batch."
              + leftAlone(i)
              + routesNote;
      return new Proposal(
          title, description, false, s -> engine.undoDone(i, s.listener(), s.cancel()));
    }
    ChangeEngine.UndoPreview preview = engine.previewUndo(batch.id()).join();
    StringBuilder description =
        new StringBuilder(
            preview.plan().isEmpty()
                ? "Nothing to restore."
                : "Restores "
                    + Plural.count(preview.plan().size(), "number")
                    + " to their routing before this batch.");
    if (preview.alreadyRestored() > 0) {
      description
          .append(' ')
          .append(
              Plural.count(preview.alreadyRestored(), "number already has", "numbers already have"))
          .append(" it.");
    }
    if (!preview.conflicts().isEmpty()) {
      description
          .append(' ')
          .append(Plural.count(preview.conflicts().size(), "number was", "numbers were"))
          .append(" changed since and will be left alone:")
          .append(conflictLines(preview.conflicts()));
    }
    description.append(routesNote);
    return new Proposal(
        title,
        description.toString(),
        preview.plan().isEmpty(),
        s -> engine.undo(preview, s.listener(), s.cancel()));
  }
}
