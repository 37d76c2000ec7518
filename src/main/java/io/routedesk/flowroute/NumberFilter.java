package io.routedesk.flowroute;

/**
 * Filters of GET /v2/numbers. All are optional (null). {@code startsWith} gets country code 1
 * prepended by Flowroute unless given as "+CC…"; {@code alias} is an exact match.
 */
public record NumberFilter(String startsWith, String contains, String endsWith, String alias) {
  public static final NumberFilter NONE = new NumberFilter(null, null, null, null);
}
