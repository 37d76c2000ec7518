package io.routedesk.ui.picker;

import io.routedesk.ui.model.RouteRow;
import java.util.Locale;
import java.util.function.Predicate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

/**
 * A route chooser with type-ahead: typing narrows the list by alias, value or type. Routes are in
 * alphabetical order ({@link RouteRow#BY_LABEL}).
 */
public final class RoutePickerViewModel {
  private final StringProperty filter = new SimpleStringProperty("");
  private final FilteredList<RouteRow> filtered;
  private final SortedList<RouteRow> matches;
  private final ObjectProperty<RouteRow> chosen = new SimpleObjectProperty<>();
  private final Predicate<RouteRow> allowed;

  public RoutePickerViewModel(ObservableList<RouteRow> routes, Predicate<RouteRow> allowed) {
    this.allowed = allowed;
    this.filtered = new FilteredList<>(routes, allowed);
    this.matches = new SortedList<>(filtered, RouteRow.BY_LABEL);
    filter.addListener((o, a, b) -> apply(b));
  }

  private void apply(String text) {
    String q = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    filtered.setPredicate(q.isEmpty() ? allowed : allowed.and(r -> r.searchText().contains(q)));
    if (chosen.get() == null || !matches.contains(chosen.get())) {
      chosen.set(matches.isEmpty() ? null : matches.getFirst());
    }
  }

  public StringProperty filterProperty() {
    return filter;
  }

  public ObservableList<RouteRow> matches() {
    return matches;
  }

  public ObjectProperty<RouteRow> chosenProperty() {
    return chosen;
  }

  /** Pre-selects a route (e.g. the one selected in the route list). */
  public void preselect(String routeId) {
    for (RouteRow r : matches) {
      if (r.id().equals(routeId)) {
        chosen.set(r);
        return;
      }
    }
    if (chosen.get() == null && !matches.isEmpty()) {
      chosen.set(matches.getFirst());
    }
  }
}
