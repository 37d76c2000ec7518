package io.routedesk.ui.newroute;

import io.routedesk.domain.EdgeStrategy;

/** An entry of the edge strategy picker: a strategy, or none (Flowroute picks). */
public record EdgeOption(EdgeStrategy strategy) {
  public static final EdgeOption NONE = new EdgeOption(null);

  public Integer id() {
    return strategy == null ? null : strategy.id();
  }

  @Override
  public String toString() {
    return strategy == null ? "None (Flowroute's default)" : strategy.label();
  }
}
