package io.routedesk.service.plan;

/**
 * The checks of the routing lint, each with why it matters and how to fix it. {@link
 * Severity#ERROR} findings stop an apply (when the plan brings them in); warnings are shown and can
 * be accepted.
 */
public enum LintRule {
  FAILOVER_SAME_AS_PRIMARY(
      "failover-same-as-primary",
      Severity.ERROR,
      "The failover is the same route as the primary.",
      "When the primary route fails, Flowroute tries the failover: the same destination again, so"
          + " the call fails twice and is lost. Flowroute may also refuse the change.",
      "Give the number a failover that reaches another destination, or no failover."),
  FAILOVER_TO_OWN_NUMBER(
      "failover-to-own-number",
      Severity.ERROR,
      "The failover forwards to one of this account's own Flowroute numbers.",
      "Flowroute does not allow a number-type failover to another Flowroute number: the failover"
          + " will not work, and calls are lost when the primary fails.",
      "Use a number outside Flowroute, or a host or SIP URI route, as the failover."),
  NO_FAILOVER(
      "no-failover",
      Severity.WARNING,
      "The number has no failover route.",
      "When the primary destination is down, calls to this number fail instead of going"
          + " elsewhere.",
      "Give the number a failover route (a second PBX, a mobile number, voicemail)."),
  WEIGHT_ON_ONE_ROUTE(
      "weight-on-one-route",
      Severity.WARNING,
      "Only one of the number's two routes has a ;weight.",
      "Weight-based routing needs ;weight on both the primary and the failover; with it on one,"
          + " Flowroute ignores the weights and uses plain primary then failover.",
      "Add ;weight=N to the other route's value too, or remove it from this one."),
  UNUSED_ROUTE(
      "unused-route",
      Severity.WARNING,
      "No number uses this route.",
      "An unused route clutters every route picker, and it may be a leftover of a move that did"
          + " not finish.",
      "Point numbers at it, or delete it."),
  ON_DEFAULT_SIP_REG(
      "on-default-sip-reg",
      Severity.WARNING,
      "The number still uses the default sip-reg route “0” as its primary.",
      "New numbers start on sip-reg: calls ring only SIP devices registered to the account, and"
          + " fail when none is registered. Usually the number was never set up.",
      "Point the number at the route of its PBX or phone."),
  SIMILAR_ALIASES(
      "similar-aliases",
      Severity.WARNING,
      "Route aliases differ only in upper/lower case or spaces.",
      "People (and routing files, which name routes by alias) confuse them and pick the wrong"
          + " route.",
      "Rename one of them so the aliases differ in more than case and spaces.");

  /** ERROR stops an apply; WARNING is shown and can be accepted. */
  public enum Severity {
    ERROR,
    WARNING
  }

  private final String id;
  private final Severity severity;
  private final String title;
  private final String why;
  private final String fix;

  LintRule(String id, Severity severity, String title, String why, String fix) {
    this.id = id;
    this.severity = severity;
    this.title = title;
    this.why = why;
    this.fix = fix;
  }

  /** A stable name for scripts and --json. */
  public String id() {
    return id;
  }

  public Severity severity() {
    return severity;
  }

  public String title() {
    return title;
  }

  public String why() {
    return why;
  }

  public String fix() {
    return fix;
  }
}
