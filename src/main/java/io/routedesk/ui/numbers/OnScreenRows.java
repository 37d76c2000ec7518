package io.routedesk.ui.numbers;

import java.util.List;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;

/**
 * Tells which rows of a table are on screen, top to bottom, whenever that may have changed: a
 * scroll, a filter or sort (the items change), a resize. Worked out once per pulse after layout,
 * when the cells are where they will be drawn, and only after such a change.
 */
final class OnScreenRows<T> {
  private final TableView<T> table;
  private final Consumer<List<T>> onScreen;
  private boolean changed = true;

  private OnScreenRows(TableView<T> table, Consumer<List<T>> onScreen) {
    this.table = table;
    this.onScreen = onScreen;
  }

  static <T> void watch(TableView<T> table, Consumer<List<T>> onScreen) {
    OnScreenRows<T> rows = new OnScreenRows<>(table, onScreen);
    Runnable afterLayout = rows::afterLayout;
    table
        .sceneProperty()
        .addListener(
            (obs, was, now) -> {
              if (was != null) {
                was.removePostLayoutPulseListener(afterLayout);
              }
              if (now != null) {
                now.addPostLayoutPulseListener(afterLayout);
              }
            });
    Scene scene = table.getScene();
    if (scene != null) {
      scene.addPostLayoutPulseListener(afterLayout);
    }
    ListChangeListener<T> itemsChanged = c -> rows.changed = true;
    table.getItems().addListener(itemsChanged);
    table
        .itemsProperty()
        .addListener(
            (obs, was, now) -> {
              rows.changed = true;
              if (was != null) {
                was.removeListener(itemsChanged);
              }
              if (now != null) {
                now.addListener(itemsChanged);
              }
            });
    table.heightProperty().addListener((obs, was, now) -> rows.changed = true);
    table.skinProperty().addListener((obs, was, now) -> rows.changed = true);
  }

  private boolean watchingFlow;

  private void afterLayout() {
    VirtualFlow<?> flow = table.lookup(".virtual-flow") instanceof VirtualFlow<?> f ? f : null;
    if (flow == null) {
      return;
    }
    if (!watchingFlow) {
      watchingFlow = true;
      flow.positionProperty().addListener((obs, was, now) -> changed = true);
    }
    if (!changed) {
      return;
    }
    changed = false;
    IndexedCell<?> first = flow.getFirstVisibleCell();
    IndexedCell<?> last = flow.getLastVisibleCell();
    List<T> items = table.getItems();
    if (first == null || last == null || items.isEmpty()) {
      return;
    }
    int from = Math.max(0, first.getIndex());
    int to = Math.min(items.size(), last.getIndex() + 1);
    if (from < to) {
      onScreen.accept(List.copyOf(items.subList(from, to)));
    }
  }
}
