package io.routedesk.ui.routes;

/**
 * What the details panel under the route list shows for the selected published route: every field
 * in full (the table cuts them to the column widths) and the numbers that use it.
 *
 * @param alias the route's name as the list shows it
 * @param type the route type's full name ("Host", "SIP URI", …)
 * @param value the whole value, for reading and copying
 * @param edge the edge strategy's name, "None" when the route has none
 * @param primaryUse "Primary of 2 numbers: +1 (206) 555-0002, +1 (206) 555-0003"
 * @param failoverUse the same for the failover slot
 * @param hasNumbers whether any number uses it (the "Show in Numbers" button needs some)
 */
public record RouteDetails(
    String alias,
    String type,
    String value,
    String edge,
    String primaryUse,
    String failoverUse,
    boolean hasNumbers) {}
