package io.routedesk.service.plan;

import static io.routedesk.service.plan.Accounts.HEADER;
import static io.routedesk.service.plan.Accounts.plan;
import static io.routedesk.service.plan.Accounts.small;
import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import org.junit.jupiter.api.Test;

class PlanBuilderTest {

  private static String messageOf(RoutingPlan plan) {
    assertThat(plan.errors()).hasSize(1);
    return plan.errors().getFirst().message();
  }

  @Test
  void theExportOfAnAccountPlansNoChanges() {
    AccountRouting account = small();

    RoutingPlan plan = plan(Accounts.numbersCsv(account), Accounts.routesCsv(account), account);

    assertThat(plan.hasChanges()).isFalse();
    assertThat(plan.hasErrors()).isFalse();
    assertThat(plan.unchangedNumbers()).isEqualTo(3);
    assertThat(plan.numbersNotInFile()).isZero();
  }

  @Test
  void changedRowsArePlannedWithBeforeAndAfterAndTheRestCounted() {
    RoutingPlan plan =
        plan(
            HEADER + "12065550101,pbx-west,pbx-east\n12065550102,pbx-east,mobile\n", null, small());

    assertThat(plan.numberChanges())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.row()).isEqualTo(2);
              assertThat(c.before()).isEqualTo(new NumberRouting("12065550101", "101", "102"));
              assertThat(c.after()).isEqualTo(new NumberRouting("12065550101", "102", "101"));
            });
    assertThat(plan.unchangedNumbers()).isEqualTo(1);
    assertThat(plan.numbersNotInFile()).isEqualTo(1);
  }

  @Test
  void routesAreNamedByIdOrAliasAndTheTwoMustAgree() {
    String header = "number,primary_route,primary_route_id\n";
    assertThat(plan(header + "12065550101,,102\n", null, small()).numberChanges())
        .singleElement()
        .extracting(c -> c.after().primaryRouteId())
        .isEqualTo("102");

    assertThat(messageOf(plan(header + "12065550101,pbx-east,102\n", null, small())))
        .contains("name different routes");
    assertThat(messageOf(plan(header + "12065550101,,999\n", null, small())))
        .contains("no route of this account has the id 999");
  }

  @Test
  void anUnknownAliasIsAnErrorWithASuggestion() {
    RoutingPlan plan = plan(HEADER + "12065550101,PBX-East,\n", null, small());

    assertThat(plan.numberChanges()).isEmpty();
    assertThat(plan.errors().getFirst().row()).isEqualTo(2);
    assertThat(messageOf(plan)).contains("no route is named “PBX-East”", "Did you mean “pbx-east”");
  }

  @Test
  void anAliasSharedByTwoRoutesNeedsTheId() {
    AccountRouting account =
        Accounts.account()
            .routes(
                Accounts.SIP_REG,
                Accounts.EAST,
                new Route("201", "pbx-east", RouteType.HOST, "x.example.com", null))
            .number("12065550101", "0", null)
            .build();

    assertThat(messageOf(plan(HEADER + "12065550101,pbx-east,\n", null, account)))
        .contains("2 routes are named “pbx-east” (ids 101, 201)");
  }

  @Test
  void numbersNotOnTheAccountAndUnreadableRoutingAreErrors() {
    AccountRouting account =
        Accounts.account()
            .routes(Accounts.SIP_REG, Accounts.EAST)
            .unreadable("12065550109")
            .build();

    RoutingPlan plan =
        plan(HEADER + "12065550108,pbx-east,\n12065550109,pbx-east,\n", null, account);

    assertThat(plan.errors())
        .extracting(FileProblem::row, FileProblem::message)
        .satisfiesExactly(
            first ->
                assertThat(first.toList())
                    .contains(2, "12065550108 is not a number of this account."),
            second ->
                assertThat(second.toList().get(1).toString())
                    .contains("could not be read", "timed out"));
  }

  @Test
  void aBlankPrimaryIsAnErrorAndABlankFailoverRemovesIt() {
    assertThat(messageOf(plan(HEADER + "12065550101,,\n", null, small())))
        .contains("every number needs one");

    RoutingPlan plan = plan(HEADER + "12065550101,pbx-east,\n", null, small());
    assertThat(plan.numberChanges().getFirst().after().failoverRouteId()).isNull();
  }

  @Test
  void aNewRouteDeclaredInTheNumbersFileIsCreatedOnceAndUsedByEveryRow() {
    String header = "number,primary_route,primary_type,primary_value\n";
    RoutingPlan plan =
        plan(
            header
                + "12065550101,pbx-north,host,10.0.0.9\n"
                + "12065550102,pbx-north,,\n"
                + "12065550103,pbx-north,host,10.0.0.8\n",
            null,
            small());

    assertThat(plan.routeChanges())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(RouteChange.Kind.CREATE);
              assertThat(c.after().id()).isEqualTo("new:pbx-north");
            });
    assertThat(plan.numberChanges()).hasSize(2);
    assertThat(plan.errors())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.row()).isEqualTo(4);
              assertThat(p.message()).contains("declared on row 2 with another type or value");
            });
  }

  @Test
  void aRowWithAProblemDeclaresNoRoute() {
    String header = "number,primary_route,primary_type,primary_value,failover_route\n";
    RoutingPlan plan =
        plan(header + "12065550101,pbx-north,host,10.0.0.9,no-such-route\n", null, small());

    assertThat(plan.routeChanges()).isEmpty();
    assertThat(messageOf(plan)).contains("no route is named “no-such-route”");
  }

  @Test
  void invalidRouteValuesAreRefusedByTheDomainsValidation() {
    String header = "number,primary_route,primary_type,primary_value\n";
    assertThat(messageOf(plan(header + "12065550101,fwd,number,+12065550000\n", null, small())))
        .contains("(a new route)", "Leave out the +");
    assertThat(messageOf(plan(header + "12065550101,fwd,fax,123\n", null, small())))
        .contains("not one of host, number, uri");
  }

  @Test
  void anEditedValueBesideAKnownRouteIsAnErrorNotIgnored() {
    String header = "number,primary_route,primary_value\n";

    assertThat(messageOf(plan(header + "12065550101,pbx-east,10.9.9.9\n", null, small())))
        .contains("primary_value “10.9.9.9” is not the value of “pbx-east”", "routes file");
  }

  @Test
  void theRoutesFileCreatesAndChangesRoutesAndNumbersMayUseThem() {
    String routes =
        "alias,id,type,value,edge_strategy\n"
            + "pbx-east,101,host,10.0.0.5:5060,\n"
            + "pbx-south,,uri,sip:pbx@south.example.com,3\n";
    RoutingPlan plan = plan(HEADER + "12065550103,pbx-south,pbx-east\n", routes, small());

    assertThat(plan.errors()).isEmpty();
    assertThat(plan.routeChanges())
        .extracting(RouteChange::kind, c -> c.after().value())
        .satisfiesExactly(
            u -> assertThat(u.toList()).containsExactly(RouteChange.Kind.UPDATE, "10.0.0.5:5060"),
            c ->
                assertThat(c.toList())
                    .containsExactly(RouteChange.Kind.CREATE, "sip:pbx@south.example.com"));
    assertThat(plan.numberChanges().getFirst().after())
        .isEqualTo(new NumberRouting("12065550103", "new:pbx-south", "101"));
    assertThat(plan.label("new:pbx-south")).isEqualTo("pbx-south");
  }

  @Test
  void badRoutesRowsAreErrorsAndNumbersUsingThemToo() {
    String routes =
        "alias,id,type,value\n"
            + "sip-reg,0,sip-reg,changed\n"
            + "pbx-west,,host,10.0.0.7\n"
            + "pbx-bad,,host,not a host\n"
            + "ghost,999,host,10.0.0.1\n";
    RoutingPlan plan = plan(HEADER + "12065550103,pbx-bad,\n", routes, small());

    assertThat(plan.routeChanges()).isEmpty();
    assertThat(plan.errors())
        .extracting(p -> p.file() + ":" + p.row())
        .containsExactly(
            "routes.csv:2", "routes.csv:3", "routes.csv:4", "routes.csv:5", "numbers.csv:2");
    assertThat(plan.errors().get(0).message()).contains("cannot be changed");
    assertThat(plan.errors().get(1).message()).contains("already exists (id 102)");
    assertThat(plan.errors().get(2).message()).contains("must not contain spaces");
    assertThat(plan.errors().get(3).message()).contains("id 999");
    assertThat(plan.errors().get(4).message()).contains("has a problem in the routes file (row 4)");
  }

  @Test
  void lintFindingsThePlanBringsInAreSeparatedFromThoseAlreadyThere() {
    // 12065550103 is on sip-reg with no failover already; the plan gives 12065550101 the same
    // route as primary and failover (an error) and removes the failover of 12065550102.
    RoutingPlan plan =
        plan(HEADER + "12065550101,pbx-east,pbx-east\n12065550102,pbx-east,\n", null, small());

    assertThat(plan.newFindings())
        .extracting(f -> f.rule().id() + ":" + f.subject())
        .containsExactlyInAnyOrder(
            "failover-same-as-primary:12065550101",
            "no-failover:12065550102",
            "unused-route:102",
            "unused-route:103");
    assertThat(plan.blockingFindings()).hasSize(1);
    assertThat(plan.hasErrors()).isTrue();
    // on-default-sip-reg, no-failover of 12065550103, and the unused uri route were there before.
    assertThat(plan.existingFindings()).isEqualTo(3);
  }
}
