package io.routedesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.service.plan.AccountRouting;
import io.routedesk.service.plan.ApplyReport;
import io.routedesk.service.plan.PlanBuilder;
import io.routedesk.service.plan.RoutingCsv;
import io.routedesk.service.plan.RoutingPlan;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text people read: a plan with before → after, errors by row, findings with why and fix. */
class ReportsTest {
  private static final Route SIP_REG = new Route("0", "sip-reg", RouteType.SIP_REG, null, null);
  private static final Route EAST = new Route("101", "pbx-east", RouteType.HOST, "10.0.0.1", null);
  private static final Route WEST = new Route("102", "pbx-west", RouteType.HOST, "10.0.0.2", null);

  private static RoutingPlan plan() throws IOException {
    AccountRouting account =
        new AccountRouting(
            List.of(SIP_REG, EAST, WEST),
            List.of(
                new PhoneNumber("12065550101", null, null, null, null, false),
                new PhoneNumber("12065550102", null, null, null, null, false)),
            Map.of(
                "12065550101", new NumberRouting("12065550101", "101", "102"),
                "12065550102", new NumberRouting("12065550102", "101", "102")),
            Map.of());
    String numbers =
        "number,primary_route,failover_route\n"
            + "12065550101,pbx-west,pbx-west\n"
            + "12065550109,pbx-east,\n"
            + "12065550102,pbx-north,\n";
    String routes = "alias,id,type,value\npbx-north,,host,10.0.0.3\n";
    return PlanBuilder.build(
        RoutingCsv.read(
            "routing.csv",
            new ByteArrayInputStream(numbers.getBytes(StandardCharsets.UTF_8)),
            "routing.routes.csv",
            new ByteArrayInputStream(routes.getBytes(StandardCharsets.UTF_8))),
        account);
  }

  @Test
  void aPlanReadsAsRoutesNumbersErrorsAndFindingsWithWhyAndFix() throws IOException {
    StringWriter text = new StringWriter();
    Reports.printPlan(plan(), "Office", new PrintWriter(text));

    assertThat(text.toString())
        .contains("Plan against Office:")
        .contains("+ create “pbx-north”: host 10.0.0.3  (routing.routes.csv, row 2)")
        .contains("+1 (206) 555-0101  primary pbx-east → pbx-west  (row 2)")
        .contains("+1 (206) 555-0102  primary pbx-east → pbx-north; failover pbx-west → none")
        .contains("routing.csv, row 3: 12065550109 is not a number of this account.")
        .contains("ERROR failover-same-as-primary (1)")
        .contains("Why: When the primary route fails")
        .contains("Fix: Give the number a failover")
        .contains("Result: errors; an apply would send nothing");
  }

  @Test
  void applyResultsListWhatWasNotDoneAndCountEverything() throws IOException {
    RoutingPlan plan = plan();
    ApplyReport report =
        new ApplyReport(
            List.of(),
            List.of(
                new ApplyReport.NumberResult(
                    plan.numberChanges().get(0), ApplyReport.Status.DONE, "", null),
                new ApplyReport.NumberResult(
                    plan.numberChanges().get(1),
                    ApplyReport.Status.CONFLICT,
                    "Changed since the plan was made.",
                    null)),
            false);
    StringWriter text = new StringWriter();
    Reports.printApply(report, plan, new PrintWriter(text));

    assertThat(text.toString())
        .doesNotContain("DONE")
        .contains("CONFLICT  +1 (206) 555-0102")
        .contains("Applied: 1 done, 0 failed, 1 conflicts");
    assertThat(ApplyCommand.exitCode(report, plan)).isEqualTo(ExitCodes.ERRORS);
  }
}
