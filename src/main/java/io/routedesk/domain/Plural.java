package io.routedesk.domain;

/**
 * A count and a noun that agrees with it ("1 number", "3 numbers"), for every sentence the app
 * writes. It lives in domain so that every layer that speaks to the user can use the same one.
 */
public final class Plural {
  private Plural() {}

  /** {@code n} and the noun, with an "s" unless {@code n} is 1: "1 draft", "2 drafts". */
  public static String count(long n, String noun) {
    return count(n, noun, noun + "s");
  }

  /**
   * {@code n} and the singular or the plural form, for irregular nouns and phrases that agree too:
   * {@code count(n, "draft is", "drafts are")}.
   */
  public static String count(long n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }
}
