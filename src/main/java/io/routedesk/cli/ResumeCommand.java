package io.routedesk.cli;

import io.routedesk.domain.Plural;
import io.routedesk.service.ChangeEngine;
import io.routedesk.store.ChangeOutcome;
import java.time.ZoneId;
import picocli.CommandLine.Command;

@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = {
      "Sends the rest of an interrupted batch (RouteDesk stopped while sending it, e.g. a crash"
          + " or a lost connection during apply), as the window's Resume does: its numbers are"
          + " read again, those already done are not sent again, and a number changed elsewhere"
          + " since is left alone (a conflict). The rest is sent as a batch of its own.",
      "Shows what it will do and asks; without a terminal, or with --json, add --yes."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the rest was sent",
      "1:no such batch, the batch is not interrupted (or being sent now), not confirmed, or"
          + " some numbers failed",
      "3:sent, but numbers changed elsewhere were left alone (conflicts)",
      "4:cancelled (Ctrl+C) before everything was sent"
    })
final class ResumeCommand extends BatchCommand {
  ResumeCommand(CliContext context) {
    super(context);
  }

  @Override
  protected String verb() {
    return "Resume";
  }

  @Override
  protected Proposal propose(ChangeEngine engine, HistoryReports.Listed listed, ZoneId zone) {
    if (listed.state() != HistoryReports.State.INTERRUPTED) {
      throw new CliException(
          ExitCodes.ERRORS,
          "Batch "
              + HistoryReports.shortId(listed.batch().id())
              + " is "
              + listed.state().word()
              + ", not interrupted: there is nothing to resume.");
    }
    ChangeEngine.Interruption i = interruption(engine, listed);
    long rest =
        i.notDone().stream()
            .filter(n -> i.entries().get(n).outcome() != ChangeOutcome.DONE)
            .count();
    String description =
        i.summary(zone)
            + " Resume sends "
            + Plural.count(rest, "number")
            + " not done yet, and closes the batch."
            + leftAlone(i);
    return new Proposal(
        "Resume of batch "
            + HistoryReports.shortId(listed.batch().id())
            + ": "
            + listed.batch().description(),
        description,
        false,
        s -> engine.resume(i, s.listener(), s.cancel()));
  }
}
