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
  private final StringProperty alias = new SimpleStringProperty();
  private final StringProperty rateCenter = new SimpleStringProperty();
  private final StringProperty state = new SimpleStringProperty();
  private final StringProperty primaryRouteId = new SimpleStringProperty();
  private final StringProperty failoverRouteId = new SimpleStringProperty();
  private final ObjectProperty<RoutingStatus> routingStatus =
      new SimpleObjectProperty<>(RoutingStatus.UNKNOWN);
  private final StringProperty routingError = new SimpleStringProperty("");
  private final BooleanProperty pending = new SimpleBooleanProperty();
  private final StringProperty draftPrimary = new SimpleStringProperty();
  private final StringProperty draftFailover = new SimpleStringProperty();
  private String aliasLower = "";

  public NumberRow(PhoneNumber n) {
    this.number = n.number();
    this.formatted = n.formatted();
    update(n);
  }

  void update(PhoneNumber n) {
    alias.set(n.alias() == null ? "" : n.alias());
    aliasLower = alias.get().toLowerCase(Locale.ROOT);
    rateCenter.set(n.rateCenter() == null ? "" : n.rateCenter());
    state.set(n.state() == null ? "" : n.state());
  }

  void setRouting(NumberRouting r) {
    primaryRouteId.set(r.primaryRouteId());
    failoverRouteId.set(r.failoverRouteId());
    routingStatus.set(RoutingStatus.LOADED);
    routingError.set("");
  }

  void setRoutingFailed(String reason) {
    // Keep the last known routing (if any) visible; the status says it may be stale.
    routingStatus.set(RoutingStatus.FAILED);
    routingError.set(reason);
  }

  void setPending(boolean p) {
    pending.set(p);
  }

  void setDraftRoute(VoiceSlot slot, String draftRowId) {
    (slot == VoiceSlot.PRIMARY ? draftPrimary : draftFailover).set(draftRowId);
  }

  /**
   * The draft row id ({@code "draft:<uuid>"}) that becomes this slot's route when the draft is
   * published, or null when no draft is pending for it.
   */
  public String draftRouteId(VoiceSlot slot) {
    return (slot == VoiceSlot.PRIMARY ? draftPrimary : draftFailover).get();
  }

  public ReadOnlyStringProperty draftRouteIdProperty(VoiceSlot slot) {
    return slot == VoiceSlot.PRIMARY ? draftPrimary : draftFailover;
  }

  public boolean hasDraftPending() {
    return draftPrimary.get() != null || draftFailover.get() != null;
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
    return alias.get();
  }

  public ReadOnlyStringProperty aliasProperty() {
    return alias;
  }

  /** The alias in lower case, computed once, for search-as-you-type over many rows. */
  public String aliasLower() {
    return aliasLower;
  }

  public ReadOnlyStringProperty rateCenterProperty() {
    return rateCenter;
  }

  public ReadOnlyStringProperty stateProperty() {
    return state;
  }

  /** "Seattle, WA" from Flowroute's lower-case rate center and state. */
  public String place() {
    String rc = rateCenter.get();
    String st = state.get().toUpperCase(Locale.ROOT);
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
    return primaryRouteId.get();
  }

  public ReadOnlyStringProperty primaryRouteIdProperty() {
    return primaryRouteId;
  }

  public String failoverRouteId() {
    return failoverRouteId.get();
  }

  public ReadOnlyStringProperty failoverRouteIdProperty() {
    return failoverRouteId;
  }

  public String routeId(VoiceSlot slot) {
    return slot == VoiceSlot.PRIMARY ? primaryRouteId() : failoverRouteId();
  }

  public ReadOnlyStringProperty routeIdProperty(VoiceSlot slot) {
    return slot == VoiceSlot.PRIMARY ? primaryRouteId : failoverRouteId;
  }

  public RoutingStatus routingStatus() {
    return routingStatus.get();
  }

  public ReadOnlyObjectProperty<RoutingStatus> routingStatusProperty() {
    return routingStatus;
  }

  public ReadOnlyStringProperty routingErrorProperty() {
    return routingError;
  }

  /** True while a batch is changing this number. */
  public ReadOnlyBooleanProperty pendingProperty() {
    return pending;
  }

  public boolean isRoutingKnown() {
    return routingStatus.get() == RoutingStatus.LOADED;
  }

  /** The routing as last read; only meaningful when {@link #isRoutingKnown()}. */
  public NumberRouting routing() {
    return new NumberRouting(number, primaryRouteId.get(), failoverRouteId.get());
  }

  public boolean uses(String routeId) {
    return Objects.equals(routeId, primaryRouteId.get())
        || Objects.equals(routeId, failoverRouteId.get());
  }

  @Override
  public String toString() {
    return formatted;
  }
}
