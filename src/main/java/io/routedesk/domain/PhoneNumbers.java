package io.routedesk.domain;

/** Formatting and matching helpers for 11-digit NANP numbers. */
public final class PhoneNumbers {
  private PhoneNumbers() {}

  public static String format(String digits) {
    if (digits == null || digits.length() != 11 || digits.charAt(0) != '1' || !isDigits(digits)) {
      return digits;
    }
    return "+1 ("
        + digits.substring(1, 4)
        + ") "
        + digits.substring(4, 7)
        + "-"
        + digits.substring(7);
  }

  /** Keeps only the digits of what a user typed ("(206) 555-12" becomes "20655512"). */
  public static String digitsOf(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  public static boolean isDigits(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
