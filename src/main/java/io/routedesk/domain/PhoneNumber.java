package io.routedesk.domain;

import java.util.Objects;

/**
 * A phone number on the account. {@code number} is the 11-digit E.164 string without "+" (also its
 * id on the wire). {@code numberType} is kept as free text: Flowroute's docs disagree on its
 * values.
 */
public record PhoneNumber(
    String number,
    String alias,
    String rateCenter,
    String state,
    String numberType,
    boolean cnamLookupsEnabled) {

  public PhoneNumber {
    Objects.requireNonNull(number, "number");
  }

  /** "+1 (206) 555-1212" for 11-digit NANP numbers, the raw digits otherwise. */
  public String formatted() {
    return PhoneNumbers.format(number);
  }
}
