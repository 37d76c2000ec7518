package io.routedesk.service.plan;

import java.util.Objects;

/**
 * One finding of the routing lint.
 *
 * @param subject what it is about: a number (11 digits) or a route id
 * @param message the finding about this subject, in a sentence
 */
public record LintFinding(LintRule rule, Subject kind, String subject, String message) {
  public LintFinding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
  }

  /** What a finding's subject is. */
  public enum Subject {
    NUMBER,
    ROUTE
  }

  public LintRule.Severity severity() {
    return rule.severity();
  }

  /** Same rule, same subject: how a plan tells findings it brings in from those already there. */
  public String key() {
    return rule.id() + "|" + kind + "|" + subject;
  }
}
