package io.routedesk.ui.model;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.VoiceSlot;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A number as the window shows it. Its routing arrives after the row itself (one detail call per
 * number), so {@link #routingStatus()} says whether primary/failover are known yet.
 */
public final class NumberRow {
  /**
   * How a slot without a route is written in every table and preview of routes (the number table,
   * the assignment preview, the batch details), so one place never says "none" where another says
   * "—".
   */
  public static final String NO_ROUTE = "—";

  /** Whether this row's primary/failover have been read. */
  public enum RoutingStatus {
    UNKNOWN,
    LOADED,
    FAILED
  }

  private final String number;
  private final String formatted;
  private String alias = "";
  private String aliasLower = "";
  private String rateCenter = "";
  private String state = "";
  private String primaryRouteId;
  private String failoverRouteId;
  private RoutingStatus routingStatus = RoutingStatus.UNKNOWN;
  private String routingError = "";
  private boolean pending;
  private String draftPrimary;
  private String draftFailover;
  // The same values as properties, made when something first observes this row (a table cell
  // showing it). Search, sorting, counts and saving read the plain fields, so the rows never on
  // screen of a 10,000-number account hold no property objects (11 per row otherwise).
  private Observed observed;

  /** This row's values as observable properties, kept equal to the fields from their creation. */
  private final class Observed {
    final StringProperty alias = new SimpleStringProperty(NumberRow.this.alias);
    final StringProperty rateCenter = new SimpleStringProperty(NumberRow.this.rateCenter);
    final StringProperty state = new SimpleStringProperty(NumberRow.this.state);
    final StringProperty primaryRouteId = new SimpleStringProperty(NumberRow.this.primaryRouteId);
    final StringProperty failoverRouteId = new SimpleStringProperty(NumberRow.this.failoverRouteId);
    final ObjectProperty<RoutingStatus> routingStatus =
        new SimpleObjectProperty<>(NumberRow.this.routingStatus);
    final StringProperty routingError = new SimpleStringProperty(NumberRow.this.routingError);
    final BooleanProperty pending = new SimpleBooleanProperty(NumberRow.this.pending);
    final StringProperty draftPrimary = new SimpleStringProperty(NumberRow.this.draftPrimary);
    final StringProperty draftFailover = new SimpleStringProperty(NumberRow.this.draftFailover);

    /** Sets every property from the fields; each one that changed tells its listeners. */
    void refresh() {
      alias.set(NumberRow.this.alias);
      rateCenter.set(NumberRow.this.rateCenter);
      state.set(NumberRow.this.state);
      primaryRouteId.set(NumberRow.this.primaryRouteId);
      failoverRouteId.set(NumberRow.this.failoverRouteId);
      routingStatus.set(NumberRow.this.routingStatus);
      routingError.set(NumberRow.this.routingError);
      pending.set(NumberRow.this.pending);
      draftPrimary.set(NumberRow.this.draftPrimary);
      draftFailover.set(NumberRow.this.draftFailover);
    }
  }

  public NumberRow(PhoneNumber n) {
    this.number = n.number();
    this.formatted = n.formatted();
    update(n);
  }

  private Observed observed() {
    if (observed == null) {
      observed = new Observed();
    }
    return observed;
  }

  /** After the fields changed: the properties follow, if anything observes this row. */
  private void changed() {
    if (observed != null) {
      observed.refresh();
    }
  }

  void update(PhoneNumber n) {
    alias = n.alias() == null ? "" : n.alias();
    aliasLower = alias.toLowerCase(Locale.ROOT);
    rateCenter = n.rateCenter() == null ? "" : n.rateCenter();
    state = n.state() == null ? "" : n.state();
    changed();
  }

  void setRouting(NumberRouting r) {
    primaryRouteId = r.primaryRouteId();
    failoverRouteId = r.failoverRouteId();
    routingStatus = RoutingStatus.LOADED;
    routingError = "";
    changed();
  }

  void setRoutingFailed(String reason) {
    // Keep the last known routing (if any) visible; the status says it may be stale.
    routingStatus = RoutingStatus.FAILED;
    routingError = reason;
    changed();
  }

  void setPending(boolean p) {
    pending = p;
    changed();
  }

  void setDraftRoute(VoiceSlot slot, String draftRowId) {
    if (slot == VoiceSlot.PRIMARY) {
      draftPrimary = draftRowId;
    } else {
      draftFailover = draftRowId;
    }
    changed();
  }

  /**
   * The draft row id ({@code "draft:<uuid>"}) that becomes this slot's route when the draft is
   * published, or null when no draft is pending for it.
   */
  public String draftRouteId(VoiceSlot slot) {
    return slot == VoiceSlot.PRIMARY ? draftPrimary : draftFailover;
  }

  public ReadOnlyStringProperty draftRouteIdProperty(VoiceSlot slot) {
    return slot == VoiceSlot.PRIMARY ? observed().draftPrimary : observed().draftFailover;
  }

  public boolean hasDraftPending() {
    return draftPrimary != null || draftFailover != null;
  }

  /** The 11 digits, as Flowroute names the number. */
  public String number() {
    return number;
  }

  /** "+1 (206) 555-0100". */
  public String formatted() {
    return formatted;
  }

  public String alias() {
    return alias;
  }

  public ReadOnlyStringProperty aliasProperty() {
    return observed().alias;
  }

  /** The alias in lower case, computed once, for search-as-you-type over many rows. */
  public String aliasLower() {
    return aliasLower;
  }

  public ReadOnlyStringProperty rateCenterProperty() {
    return observed().rateCenter;
  }

  public ReadOnlyStringProperty stateProperty() {
    return observed().state;
  }

  /** "Seattle, WA" from Flowroute's lower-case rate center and state. */
  public String place() {
    String rc = rateCenter;
    String st = state.toUpperCase(Locale.ROOT);
    if (rc.isEmpty()) {
      return st;
    }
    StringBuilder sb = new StringBuilder(rc.length() + 4);
    boolean upper = true;
    for (char c : rc.toCharArray()) {
      sb.append(upper ? Character.toUpperCase(c) : c);
      upper = c == ' ' || c == '-';
    }
    return st.isEmpty() ? sb.toString() : sb + ", " + st;
  }

  public String primaryRouteId() {
    return primaryRouteId;
  }

  public ReadOnlyStringProperty primaryRouteIdProperty() {
    return observed().primaryRouteId;
  }

  public String failoverRouteId() {
    return failoverRouteId;
  }

  public ReadOnlyStringProperty failoverRouteIdProperty() {
    return observed().failoverRouteId;
  }

  public String routeId(VoiceSlot slot) {
    return slot == VoiceSlot.PRIMARY ? primaryRouteId() : failoverRouteId();
  }

  public ReadOnlyStringProperty routeIdProperty(VoiceSlot slot) {
    return slot == VoiceSlot.PRIMARY ? observed().primaryRouteId : observed().failoverRouteId;
  }

  public RoutingStatus routingStatus() {
    return routingStatus;
  }

  public ReadOnlyObjectProperty<RoutingStatus> routingStatusProperty() {
    return observed().routingStatus;
  }

  public ReadOnlyStringProperty routingErrorProperty() {
    return observed().routingError;
  }

  /** True while a batch is changing this number. */
  public ReadOnlyBooleanProperty pendingProperty() {
    return observed().pending;
  }

  public boolean isRoutingKnown() {
    return routingStatus == RoutingStatus.LOADED;
  }

  /** The routing as last read; only meaningful when {@link #isRoutingKnown()}. */
  public NumberRouting routing() {
    return new NumberRouting(number, primaryRouteId, failoverRouteId);
  }

  public boolean uses(String routeId) {
    return Objects.equals(routeId, primaryRouteId) || Objects.equals(routeId, failoverRouteId);
  }

  @Override
  public String toString() {
    return formatted;
  }
}
