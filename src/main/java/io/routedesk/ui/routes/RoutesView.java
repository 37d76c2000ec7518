package io.routedesk.ui.routes;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.routedesk.domain.Draft;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.ui.controls.Command;
import io.routedesk.ui.controls.CutOffText;
import io.routedesk.ui.controls.DragFormats;
import io.routedesk.ui.controls.Icons;
import io.routedesk.ui.controls.KeyPlatform;
import io.routedesk.ui.controls.LazyTooltip;
import io.routedesk.ui.controls.Placeholder;
import io.routedesk.ui.controls.RevealingTableSkin;
import io.routedesk.ui.controls.Shortcuts;
import io.routedesk.ui.controls.StableCellSkin;
import io.routedesk.ui.controls.WhyDisabled;
import io.routedesk.ui.model.LoadState;
import io.routedesk.ui.model.RouteRow;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Skin;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The route list: header with actions, search, type and draft filters, the table (drafts with a
 * badge), the selected draft's details, and delete dialogs.
 */
public final class RoutesView extends VBox {
  private static final PseudoClass SYSTEM = PseudoClass.getPseudoClass("system");
  private static final PseudoClass DRAFT = PseudoClass.getPseudoClass("draft");
  private static final PseudoClass DRAFT_ERROR = PseudoClass.getPseudoClass("draft-error");

  /** What the route list asks of the rest of the window. */
  public interface Actions {
    void newRoute();

    void editRoute(Route route);

    /** Opens the route form on a new route like this one. */
    void duplicateRoute(Route route);

    void showNumbersUsing(String routeId);

    void assignToSelectedNumbers(String routeId, VoiceSlot slot);

    /** Opens the route form on a draft. */
    void editDraft(Draft draft);
  }

  private final RoutesViewModel vm;
  private final Actions actions;
  private final CustomTextField search = new CustomTextField();
  private final TableView<RouteRow> table = new TableView<>();
  private final ContextMenu menu = new ContextMenu();
  private final DeleteRouteFlow deleteFlow;

  public RoutesView(RoutesViewModel vm, Actions actions, DeleteRouteFlow deleteFlow) {
    this.vm = vm;
    this.actions = actions;
    this.deleteFlow = deleteFlow;
    getStyleClass().addAll("pane", "routes-pane");
    setId("routes-pane");
    StackPane tableArea = new StackPane(table(), createHint());
    getChildren()
        .addAll(header(), filters(), errorBanner(), tableArea, routeDetail(), draftDetail());
    VBox.setVgrow(tableArea, Priority.ALWAYS);
  }

  private HBox header() {
    Label title = new Label("Routes");
    title.getStyleClass().addAll(Styles.TITLE_4, "pane-title");
    Label count = new Label();
    count.getStyleClass().add("count-badge");
    count.setId("route-count");
    count.textProperty().bind(vm.countBadgeProperty());
    count.accessibleTextProperty().bind(vm.countSpokenProperty());
    count.setMinWidth(Region.USE_PREF_SIZE);
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Button refresh = new Button(null, Icons.icon(Icons.REFRESH));
    refresh.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    Shortcuts keys = Shortcuts.forThisComputer();
    refresh.setTooltip(keys.tooltip("Refresh routes and numbers", Command.REFRESH));
    refresh.setAccessibleText("Refresh");
    refresh.setId("refresh-routes");
    refresh.setOnAction(e -> vm.refresh());
    Button create = new Button("New route", Icons.icon(Icons.ADD));
    create.getStyleClass().add(Styles.ACCENT);
    create.setId("new-route");
    create.setTooltip(keys.tooltip("Create a route", Command.NEW_ROUTE));
    create.setAccessibleText("New route");
    create.setOnAction(e -> actions.newRoute());
    HBox box = new HBox(8, title, count, spacer, refresh, publishAllButton(), create);
    box.setAlignment(Pos.CENTER_LEFT);
    box.getStyleClass().add("pane-header");
    return box;
  }

  /** "Publish 2": every draft not yet on Flowroute; shown only while there are some. */
  private Node publishAllButton() {
    Button publish = new Button(null, Icons.icon(Icons.PUBLISH));
    publish.setId("publish-all-drafts");
    publish
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> "Publish " + vm.drafts().unpublishedCountProperty().get(),
                vm.drafts().unpublishedCountProperty()));
    publish.setAccessibleText("Publish all drafts");
    publish.setTooltip(new Tooltip("Publish every draft to Flowroute (each is checked first)"));
    publish.setOnAction(e -> vm.publishAll());
    StringBinding why = vm.publishAllBlockedProperty();
    publish.disableProperty().bind(Bindings.isNotEmpty(why));
    StackPane holder = WhyDisabled.wrap(publish, why);
    holder.setId("publish-all-holder");
    holder.visibleProperty().bind(vm.drafts().unpublishedCountProperty().greaterThan(0));
    holder.managedProperty().bind(holder.visibleProperty());
    return holder;
  }

  private HBox filters() {
    search.setPromptText("Search routes");
    search.setLeft(Icons.icon(Icons.SEARCH));
    search.setId("route-search");
    search.setAccessibleText("Search routes by alias, value or type");
    search.textProperty().bindBidirectional(vm.searchProperty());
    Button clear = new Button(null, Icons.icon(Icons.CLEAR));
    clear.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
    clear.setAccessibleText("Clear route search");
    clear.setFocusTraversable(false);
    clear.setOnAction(e -> search.clear());
    clear.visibleProperty().bind(search.textProperty().isNotEmpty());
    search.setRight(clear);
    search.setOnKeyPressed(
        e -> {
          if (e.getCode() == KeyCode.ESCAPE && !search.getText().isEmpty()) {
            search.clear();
            e.consume();
          } else if (e.getCode() == KeyCode.DOWN) {
            table.requestFocus();
            if (table.getSelectionModel().isEmpty()) {
              table.getSelectionModel().selectFirst();
            }
            e.consume();
          }
        });
    HBox.setHgrow(search, Priority.ALWAYS);
    search.setMaxWidth(Double.MAX_VALUE);
    search.setMinWidth(100);

    ComboBox<RouteType> type = new ComboBox<>();
    type.getItems().add(null);
    type.getItems().addAll(vm.typeOptions());
    type.valueProperty().bindBidirectional(vm.typeFilterProperty());
    type.setId("route-type-filter");
    type.setAccessibleText("Filter routes by type");
    type.setCellFactory(v -> typeCell());
    type.setButtonCell(typeCell());
    type.setPrefWidth(150);
    // "All types" and the longest type name stay whole.
    type.setMinWidth(140);
    ToggleButton drafts = new ToggleButton(null, Icons.icon(Icons.DRAFT));
    drafts.setId("drafts-only");
    drafts
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> "Drafts " + vm.draftCountProperty().get(), vm.draftCountProperty()));
    drafts.selectedProperty().bindBidirectional(vm.draftsOnlyProperty());
    drafts.setAccessibleText("Show only drafts");
    drafts.setTooltip(new Tooltip("Show only drafts: routes saved on this computer"));
    drafts.setMinWidth(Region.USE_PREF_SIZE);
    drafts.visibleProperty().bind(vm.draftCountProperty().greaterThan(0));
    drafts.managedProperty().bind(drafts.visibleProperty());
    HBox box = new HBox(8, search, type, drafts);
    box.getStyleClass().add("pane-filters");
    box.setAlignment(Pos.CENTER_LEFT);
    return box;
  }

  private static ListCell<RouteType> typeCell() {
    return new ListCell<>() {
      @Override
      protected void updateItem(RouteType t, boolean empty) {
        super.updateItem(t, empty);
        if (empty) {
          setText(null);
          setGraphic(null);
        } else if (t == null) {
          setText("All types");
          setGraphic(Icons.icon(Icons.FILTER));
        } else {
          setText(t.displayName());
          setGraphic(Icons.icon(Icons.of(t)));
        }
      }
    };
  }

  /** Below the lone sip-reg row of a new account: "No routes yet — create one". */
  private VBox createHint() {
    Label icon = new Label(null, Icons.icon(Icons.EMPTY_ROUTES));
    icon.getStyleClass().add("placeholder-icon");
    Label text = new Label("No routes yet — create one");
    text.getStyleClass().add("placeholder-message");
    Label more =
        new Label(
            "A route tells Flowroute where to send a number's calls: a PBX (host), a phone"
                + " number, or a SIP URI.");
    more.setWrapText(true);
    more.setMaxWidth(320);
    more.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
    more.setTextAlignment(TextAlignment.CENTER);
    Button create = new Button("Create a route", Icons.icon(Icons.ADD));
    create.getStyleClass().add(Styles.ACCENT);
    create.setId("create-first-route");
    create.setAccessibleText("Create a route");
    create.setOnAction(e -> actions.newRoute());
    VBox box = new VBox(10, icon, text, more, create);
    box.setAlignment(Pos.TOP_CENTER);
    box.getStyleClass().add("create-hint");
    box.setPickOnBounds(false);
    box.setMaxHeight(Region.USE_PREF_SIZE);
    StackPane.setAlignment(box, Pos.CENTER);
    box.visibleProperty().bind(vm.noRoutesYetProperty());
    box.managedProperty().bind(box.visibleProperty());
    return box;
  }

  private HBox errorBanner() {
    Label text = new Label();
    text.textProperty().bind(vm.placeholderTextProperty());
    text.setWrapText(true);
    Button retry = new Button("Retry", Icons.icon(Icons.RETRY));
    retry.setAccessibleText("Retry loading routes");
    retry.getStyleClass().add(Styles.SMALL);
    retry.setOnAction(e -> vm.refresh());
    HBox box = new HBox(8, Icons.icon(Icons.ERROR), text, retry);
    HBox.setHgrow(text, Priority.ALWAYS);
    box.setAlignment(Pos.CENTER_LEFT);
    box.getStyleClass().add("inline-error");
    // Only when rows are still shown: an empty list shows the error as its placeholder.
    // Offline, the window's banner says it once for everything.
    box.visibleProperty()
        .bind(
            vm.loadStateProperty()
                .isEqualTo(LoadState.ERROR)
                .and(Bindings.isNotEmpty(vm.visibleRoutes()))
                .and(vm.offlineProperty().not()));
    box.managedProperty().bind(box.visibleProperty());
    return box;
  }

  private TableView<RouteRow> table() {
    table.setId("routes-table");
    table.setAccessibleText("Routes");
    table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE, "routes-table");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_SUBSEQUENT_COLUMNS);
    table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
    // Accounts can have a thousand routes: a fixed row height avoids measuring every row.
    table.setFixedCellSize(30);
    table.setSkin(new RevealingTableSkin<>(table));

    TableColumn<RouteRow, RouteRow> alias = new TableColumn<>("Alias");
    alias.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    alias.setCellFactory(c -> new AliasCell());
    alias.setComparator((a, b) -> String.CASE_INSENSITIVE_ORDER.compare(a.label(), b.label()));
    alias.setPrefWidth(158);
    alias.setMinWidth(110);

    TableColumn<RouteRow, RouteType> type = new TableColumn<>("Type");
    type.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().route().type()));
    type.setCellFactory(c -> new TypeCell());
    type.setPrefWidth(90);
    type.setMinWidth(84);

    TableColumn<RouteRow, String> value = new TableColumn<>("Value");
    value.setCellValueFactory(
        c -> {
          Route r = c.getValue().route();
          if (c.getValue().isDraft()) {
            return new ReadOnlyStringWrapper(r.value() == null ? "No value yet" : r.value());
          }
          return new ReadOnlyStringWrapper(r.value() == null ? "Registered devices" : r.value());
        });
    value.setCellFactory(StableCellSkin.textCells());
    value.setPrefWidth(150);
    value.setMinWidth(80);

    TableColumn<RouteRow, String> edge = new TableColumn<>("Edge");
    edge.setCellValueFactory(
        c -> {
          String label = vm.edgeLabel(c.getValue().route().edgeStrategyId());
          return new ReadOnlyStringWrapper(label == null ? "—" : label);
        });
    edge.setCellFactory(StableCellSkin.textCells());
    edge.setPrefWidth(84);
    edge.setMinWidth(60);

    TableColumn<RouteRow, RouteRow> usedBy = new TableColumn<>("Used by");
    usedBy.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    usedBy.setCellFactory(c -> new UsageCell());
    usedBy.setComparator(
        (a, b) ->
            Integer.compare(
                a.primaryUses() + a.failoverUses(), b.primaryUses() + b.failoverUses()));
    usedBy.setPrefWidth(84);
    usedBy.setMinWidth(80);

    alias.setId("col-alias");
    type.setId("col-type");
    value.setId("col-value");
    edge.setId("col-edge");
    usedBy.setId("col-used-by");
    table.getColumns().setAll(List.of(alias, type, value, edge, usedBy));
    SortedList<RouteRow> sorted = new SortedList<>(vm.visibleRoutes());
    // Until a column is sorted: sip-reg first, then by alias; drafts together after the routes.
    Comparator<RouteRow> byDefault =
        Comparator.comparing((RouteRow r) -> !r.route().isSystemRoute())
            .thenComparing(RouteRow::isDraft)
            .thenComparing(RouteRow::label, String.CASE_INSENSITIVE_ORDER);
    sorted
        .comparatorProperty()
        .bind(
            Bindings.createObjectBinding(
                () -> table.getComparator() != null ? table.getComparator() : byDefault,
                table.comparatorProperty()));
    table.setItems(sorted);
    table.setPlaceholder(
        new Placeholder(
            vm.loadStateProperty(),
            vm.placeholderTextProperty(),
            Icons.EMPTY_ROUTES,
            "Create a route",
            actions::newRoute,
            vm::refresh));
    table.setRowFactory(t -> new RouteTableRow());
    // One menu for the table, built for the selected route when it opens (right-click selects).
    menu.setId("route-menu");
    menu.setOnShowing(e -> fillMenu());
    table.setContextMenu(menu);
    // From the keyboard the menu opens at the selected row, not where the pointer happens to be
    // (the desktop sends Shift+F10 and the Menu key as a context menu request; Monocle and some
    // desktops send only the key).
    table.addEventFilter(
        ContextMenuEvent.CONTEXT_MENU_REQUESTED,
        e -> {
          // A menu without items does not open at all: fill it before the table shows it.
          fillMenu();
          if (e.isKeyboardTrigger()) {
            e.consume();
            showMenuAtSelection();
          }
        });
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, a, b) -> vm.selectedProperty().set(b));
    vm.selectRequestProperty()
        .addListener(
            (o, a, req) -> {
              if (req == null) {
                return;
              }
              for (RouteRow r : table.getItems()) {
                if (r.id().equals(req.routeId())) {
                  table.getSelectionModel().select(r);
                  table.scrollTo(r);
                  return;
                }
              }
            });
    table.setOnKeyPressed(
        e -> {
          RouteRow row = table.getSelectionModel().getSelectedItem();
          if (row == null) {
            return;
          }
          if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
            requestDelete(row);
            e.consume();
          } else if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.F2) {
            requestEdit(row);
            e.consume();
          } else if (opensMenu(e)) {
            showMenuAtSelection();
            e.consume();
          }
        });
    // Edge strategy names arrive separately from routes.
    vm.edgeStrategies().addListener((ListChangeListener<Object>) c -> table.refresh());
    return table;
  }

  /**
   * Under the table while a published route is selected: its fields in full (the value selectable,
   * for copying), and the numbers that use it, which "Show in Numbers" lists on the right.
   */
  private VBox routeDetail() {
    Label title = new Label();
    title.getStyleClass().add(Styles.TEXT_BOLD);
    title.setId("route-detail-title");
    title.setWrapText(true);
    title.setMinHeight(Region.USE_PREF_SIZE);
    FontIcon typeIcon = new FontIcon();
    typeIcon.getStyleClass().add("route-type-icon");
    title.setGraphic(typeIcon);
    Label type = detailText("route-detail-type");
    TextArea value = new TextArea();
    value.setId("route-detail-value");
    value.setEditable(false);
    value.setWrapText(true);
    value.setPrefRowCount(1);
    value.setFocusTraversable(false);
    value.getStyleClass().add("detail-value");
    value.setAccessibleText("Route value");
    fitRowsToText(value);
    Button copy = new Button("Copy value", Icons.icon(Icons.COPY));
    copy.setId("route-detail-copy");
    copy.getStyleClass().add(Styles.SMALL);
    copy.setMinWidth(Region.USE_PREF_SIZE);
    copy.setAccessibleText("Copy the route's value");
    copy.setOnAction(
        e -> {
          ClipboardContent content = new ClipboardContent();
          content.putString(value.getText());
          Clipboard.getSystemClipboard().setContent(content);
        });
    Label edge = detailText("route-detail-edge");
    Label primary = detailText("route-detail-primary");
    Label failover = detailText("route-detail-failover");
    VBox uses = new VBox(2, primary, failover);
    Button show = new Button("Show in Numbers", Icons.icon(Icons.FILTER));
    show.setId("route-detail-show-numbers");
    show.setAccessibleText("Show the numbers using this route in the Numbers panel");
    show.getStyleClass().add(Styles.SMALL);
    show.setMinWidth(Region.USE_PREF_SIZE);

    GridPane grid = new GridPane();
    grid.setHgap(12);
    grid.setVgap(4);
    grid.addRow(0, detailKey("Type"), type);
    grid.addRow(1, detailKey("Value"), value);
    grid.addRow(2, detailKey("Edge"), edge);
    grid.addRow(3, detailKey("Used by"), uses);
    ColumnConstraints keys = new ColumnConstraints();
    keys.setMinWidth(Region.USE_PREF_SIZE);
    ColumnConstraints values = new ColumnConstraints();
    values.setHgrow(Priority.ALWAYS);
    values.setFillWidth(true);
    grid.getColumnConstraints().setAll(keys, values);
    // The buttons under the fields, as in the draft's panel: the alias keeps the whole width.
    HBox buttons = new HBox(8, show, copy);
    buttons.setAlignment(Pos.CENTER_LEFT);
    VBox box = new VBox(8, title, grid, buttons);
    box.getStyleClass().add("route-detail");
    box.setId("route-detail");
    box.setAccessibleText("Details of the selected route");
    Runnable render =
        () -> {
          RouteRow row = vm.selectedProperty().get();
          boolean published = row != null && !row.isDraft();
          box.setVisible(published);
          box.setManaged(published);
          if (!published) {
            return;
          }
          RouteDetails d = vm.details(row);
          RouteType t = row.route().type();
          Icons.show(typeIcon, Icons.of(t));
          for (RouteType other : RouteType.values()) {
            typeIcon.pseudoClassStateChanged(
                PseudoClass.getPseudoClass(other.wireName()), other == t);
          }
          title.setText(d.alias());
          type.setText(d.type());
          value.setText(d.value());
          edge.setText(d.edge());
          primary.setText(d.primaryUse());
          failover.setText(d.failoverUse());
          show.setDisable(!d.hasNumbers());
          show.setOnAction(e -> actions.showNumbersUsing(row.id()));
        };
    followSelected(render);
    vm.edgeStrategies().addListener((ListChangeListener<Object>) c -> render.run());
    return box;
  }

  /**
   * A wrapped read-only text area as tall as its text (one to four rows): a text area keeps the
   * height of its row count whatever it holds, which left an empty row under a short value.
   */
  private static void fitRowsToText(TextArea area) {
    Text measure = new Text();
    InvalidationListener fit =
        o -> {
          measure.setFont(area.getFont());
          measure.setText(area.getText());
          // The area's own padding and the text's insets.
          double room = area.getWidth() - 16;
          double needed = measure.getLayoutBounds().getWidth();
          int rows = room <= 0 ? 1 : (int) Math.ceil(needed / room);
          area.setPrefRowCount(Math.clamp(rows, 1, 4));
        };
    area.widthProperty().addListener(fit);
    area.textProperty().addListener(fit);
    area.fontProperty().addListener(fit);
  }

  private static Label detailKey(String text) {
    Label key = new Label(text);
    key.getStyleClass().addAll(Styles.TEXT_MUTED, "detail-key");
    key.setMinWidth(Region.USE_PREF_SIZE);
    GridPane.setValignment(key, VPos.TOP);
    return key;
  }

  private static Label detailText(String id) {
    Label text = new Label();
    text.setId(id);
    text.setWrapText(true);
    text.setMinHeight(Region.USE_PREF_SIZE);
    return text;
  }

  /**
   * Runs {@code render} now, when the selection changes, and when the selected row changes (a draft
   * saved again or published, a route renamed, numbers assigned to it).
   */
  private void followSelected(Runnable render) {
    InvalidationListener follow = o -> render.run();
    vm.selectedProperty()
        .addListener(
            (o, a, b) -> {
              if (a != null) {
                a.routeProperty().removeListener(follow);
                a.draftProperty().removeListener(follow);
                a.primaryUsesProperty().removeListener(follow);
                a.failoverUsesProperty().removeListener(follow);
              }
              if (b != null) {
                b.routeProperty().addListener(follow);
                b.draftProperty().addListener(follow);
                b.primaryUsesProperty().addListener(follow);
                b.failoverUsesProperty().addListener(follow);
              }
              render.run();
            });
    render.run();
  }

  /**
   * Under the table while a draft is selected: what it is waiting for, why its last publish did not
   * work (in full), and Publish / Edit / Delete.
   */
  private VBox draftDetail() {
    Label title = new Label();
    title.getStyleClass().add(Styles.TEXT_BOLD);
    title.setId("draft-detail-title");
    Label text = new Label();
    text.setWrapText(true);
    text.setId("draft-detail-text");
    text.setMinHeight(Region.USE_PREF_SIZE);
    Button publish = new Button("Publish", Icons.icon(Icons.PUBLISH));
    publish.setId("draft-publish");
    publish.getStyleClass().add(Styles.ACCENT);
    publish.setAccessibleText("Publish this draft");
    Button edit = new Button("Edit…", Icons.icon(Icons.EDIT));
    edit.setId("draft-edit");
    edit.setAccessibleText("Edit this draft");
    Button delete = new Button(null, Icons.icon(Icons.DELETE));
    delete.setId("draft-delete");
    delete.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    delete.setAccessibleText("Delete this draft");
    delete.setTooltip(new Tooltip("Delete this draft"));
    StringBinding whyNot = vm.publishSelectedBlockedProperty();
    publish.disableProperty().bind(Bindings.isNotEmpty(whyNot));
    StackPane publishHolder = WhyDisabled.wrap(publish, whyNot);
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox buttons = new HBox(8, publishHolder, edit, spacer, delete);
    buttons.setAlignment(Pos.CENTER_LEFT);
    VBox box = new VBox(6, title, text, buttons);
    box.getStyleClass().add("draft-detail");
    box.setId("draft-detail");
    Runnable show =
        () -> {
          RouteRow row = vm.selectedProperty().get();
          boolean draft = row != null && row.isDraft();
          box.setVisible(draft);
          box.setManaged(draft);
          if (!draft) {
            return;
          }
          box.pseudoClassStateChanged(DRAFT_ERROR, row.draft().lastError() != null);
          title.setText(DraftTexts.title(row));
          text.setText(DraftTexts.describe(row));
          edit.setDisable(!row.draft().state().isEditable());
          delete.setDisable(row.isPublishing());
          publish.setOnAction(e -> vm.publish(row));
          edit.setOnAction(e -> requestEdit(row));
          delete.setOnAction(e -> requestDelete(row));
        };
    // Follow the selected draft: saved again, its publish finished, assignments added.
    followSelected(show);
    return box;
  }

  /** Shift+F10 or the Menu key ({@link Command#ROUTE_MENU}). */
  static boolean opensMenu(KeyEvent e) {
    return Command.ROUTE_MENU.localKeys(KeyPlatform.current()).stream().anyMatch(k -> k.match(e));
  }

  /**
   * Opens the route menu under the selected row's alias, scrolled into view first; nothing when no
   * route is selected. The desktop may send the key and a context menu request for one press: the
   * second finds the menu open.
   */
  public void showMenuAtSelection() {
    int index = table.getSelectionModel().getSelectedIndex();
    if (index < 0 || menu.isShowing()) {
      return;
    }
    table.scrollTo(index);
    table.layout();
    Node anchor = table;
    double dx = 24;
    double dy = table.getFixedCellSize();
    for (Node n : table.lookupAll(".table-row-cell")) {
      if (n instanceof TableRow<?> r && r.getIndex() == index && r.isVisible()) {
        anchor = r;
        dy = r.getHeight();
        break;
      }
    }
    Bounds b = anchor.localToScreen(anchor.getBoundsInLocal());
    if (b == null) {
      return;
    }
    fillMenu();
    menu.show(anchor, b.getMinX() + dx, b.getMinY() + dy);
  }

  /** The menu's items for the selected route (none when no route is selected). */
  private void fillMenu() {
    RouteRow row = table.getSelectionModel().getSelectedItem();
    menu.getItems().setAll(row == null ? List.of() : contextMenu(row).getItems());
  }

  /** The route menu (its items are made for the selected route as it opens). */
  public ContextMenu routeMenu() {
    return menu;
  }

  /** Focuses the search field (Shortcut+Shift+F). */
  public void focusSearch() {
    search.requestFocus();
    search.selectAll();
  }

  public TableView<RouteRow> tableView() {
    return table;
  }

  public void requestEdit(RouteRow row) {
    if (row == null) {
      return;
    }
    if (!vm.allowEdit(row)) {
      return;
    }
    if (row.isDraft()) {
      actions.editDraft(row.draft());
    } else {
      actions.editRoute(row.route());
    }
  }

  public void requestDelete(RouteRow row) {
    if (row != null) {
      deleteFlow.start(row);
    }
  }

  /**
   * The image dragged with a route. Rendered off-scene, so it is styled with the theme's looked-up
   * colours inline (they come from the theme's root, which a snapshot scene also has).
   */
  private static Image dragChip(RouteRow row) {
    Label chip = new Label(row.label());
    chip.setStyle(
        "-fx-background-color: -color-accent-emphasis; -fx-text-fill: -color-fg-emphasis;"
            + " -fx-padding: 5 12 5 12; -fx-background-radius: 14; -fx-font-weight: bold;");
    StackPane holder = new StackPane(chip);
    holder.setStyle("-fx-background-color: transparent;");
    new Scene(holder, Color.TRANSPARENT);
    SnapshotParameters params = new SnapshotParameters();
    params.setFill(Color.TRANSPARENT);
    holder.applyCss();
    holder.layout();
    return chip.snapshot(params, null);
  }

  private ContextMenu draftMenu(RouteRow row) {
    boolean editable = row.draft().state().isEditable();
    MenuItem publish = new MenuItem(vm.publishDraftLabel(), Icons.icon(Icons.PUBLISH));
    publish.setId("menu-publish-draft");
    publish.setOnAction(e -> vm.publish(row));
    publish.setDisable(vm.offlineProperty().get() || row.isPublishing());
    MenuItem publishAll = new MenuItem("Publish all drafts", Icons.icon(Icons.PUBLISH));
    publishAll.setOnAction(e -> vm.publishAll());
    publishAll.setDisable(vm.offlineProperty().get());
    MenuItem edit = new MenuItem("Edit draft…", Icons.icon(Icons.EDIT));
    edit.setOnAction(e -> requestEdit(row));
    edit.setDisable(!editable);
    MenuItem delete = new MenuItem("Delete draft…", Icons.icon(Icons.DELETE));
    delete.setOnAction(e -> requestDelete(row));
    delete.setDisable(row.isPublishing());
    MenuItem show = new MenuItem("Show numbers waiting for it", Icons.icon(Icons.FILTER));
    show.setOnAction(e -> actions.showNumbersUsing(row.id()));
    MenuItem primary =
        new MenuItem("Make primary of selected numbers when published", Icons.icon(Icons.PRIMARY));
    primary.setOnAction(e -> actions.assignToSelectedNumbers(row.id(), VoiceSlot.PRIMARY));
    primary.setDisable(!editable);
    MenuItem failover =
        new MenuItem(
            "Make failover of selected numbers when published", Icons.icon(Icons.FAILOVER));
    failover.setOnAction(e -> actions.assignToSelectedNumbers(row.id(), VoiceSlot.FAILOVER));
    failover.setDisable(!editable);
    return new ContextMenu(
        publish,
        publishAll,
        new SeparatorMenuItem(),
        primary,
        failover,
        show,
        new SeparatorMenuItem(),
        edit,
        delete);
  }

  private ContextMenu contextMenu(RouteRow row) {
    if (row.isDraft()) {
      return draftMenu(row);
    }
    String blocked = vm.routeChangesBlocked();
    if (!blocked.isEmpty()) {
      MenuItem why = new MenuItem(blocked, Icons.icon(Icons.OFFLINE));
      why.setDisable(true);
      MenuItem show = new MenuItem("Show numbers using it", Icons.icon(Icons.FILTER));
      show.setOnAction(e -> actions.showNumbersUsing(row.id()));
      return new ContextMenu(why, new SeparatorMenuItem(), show);
    }
    MenuItem edit = new MenuItem("Edit route…", Icons.icon(Icons.EDIT));
    edit.setOnAction(e -> requestEdit(row));
    edit.setDisable(row.route().isSystemRoute());
    MenuItem duplicate = new MenuItem("Duplicate route…", Icons.icon(Icons.EDIT));
    duplicate.setId("menu-duplicate-route");
    duplicate.setOnAction(e -> actions.duplicateRoute(row.route()));
    duplicate.setDisable(row.route().isSystemRoute());
    MenuItem delete = new MenuItem("Delete route…", Icons.icon(Icons.DELETE));
    delete.setOnAction(e -> requestDelete(row));
    delete.setDisable(row.route().isSystemRoute());
    MenuItem show = new MenuItem("Show numbers using it", Icons.icon(Icons.FILTER));
    show.setOnAction(e -> actions.showNumbersUsing(row.id()));
    MenuItem primary = new MenuItem("Make primary of selected numbers", Icons.icon(Icons.PRIMARY));
    primary.setOnAction(e -> actions.assignToSelectedNumbers(row.id(), VoiceSlot.PRIMARY));
    MenuItem failover =
        new MenuItem("Make failover of selected numbers", Icons.icon(Icons.FAILOVER));
    failover.setOnAction(e -> actions.assignToSelectedNumbers(row.id(), VoiceSlot.FAILOVER));
    return new ContextMenu(
        primary,
        failover,
        new SeparatorMenuItem(),
        show,
        new SeparatorMenuItem(),
        edit,
        duplicate,
        delete);
  }

  /** A row that can be dragged onto numbers and has the route's context menu. */
  private final class RouteTableRow extends TableRow<RouteRow> {
    RouteTableRow() {
      setOnDragDetected(
          e -> {
            RouteRow row = getItem();
            if (row == null || e.getButton() != MouseButton.PRIMARY) {
              return;
            }
            Dragboard db = startDragAndDrop(TransferMode.LINK, TransferMode.COPY);
            ClipboardContent content = new ClipboardContent();
            content.put(DragFormats.ROUTE_ID, row.id());
            content.putString(row.label());
            db.setContent(content);
            // A compact chip (type icon + alias) follows the pointer, down-right of it.
            db.setDragView(dragChip(row), -14, -14);
            e.consume();
          });
      setOnMouseClicked(
          e -> {
            if (e.getClickCount() == 2
                && getItem() != null
                && e.getButton() == MouseButton.PRIMARY) {
              requestEdit(getItem());
            }
          });
    }

    private final LazyTooltip draftTip =
        new LazyTooltip(
            this,
            t -> {
              t.setWrapText(true);
              t.setMaxWidth(420);
            });
    private final InvalidationListener changed = o -> render();
    private final WeakInvalidationListener weakChanged = new WeakInvalidationListener(changed);
    private RouteRow bound;

    @Override
    protected void updateItem(RouteRow item, boolean empty) {
      super.updateItem(item, empty);
      if (bound != null) {
        bound.draftProperty().removeListener(weakChanged);
      }
      bound = empty ? null : item;
      if (bound != null) {
        bound.draftProperty().addListener(weakChanged);
      }
      render();
    }

    private void render() {
      RouteRow item = bound;
      boolean present = item != null;
      pseudoClassStateChanged(SYSTEM, present && item.route().isSystemRoute());
      pseudoClassStateChanged(DRAFT, present && item.isDraft());
      pseudoClassStateChanged(
          DRAFT_ERROR, present && item.isDraft() && item.draft().lastError() != null);
      if (!present) {
        setAccessibleText(null);
        draftTip.setText(null);
      } else if (item.isDraft()) {
        String text = DraftTexts.describe(item);
        setAccessibleText(item.label() + ", draft. " + text);
        draftTip.setText(text);
      } else {
        Route r = item.route();
        draftTip.setText(null);
        setAccessibleText(
            r.label()
                + ", "
                + r.type().displayName()
                + ", used as primary by "
                + item.primaryUses()
                + " and as failover by "
                + item.failoverUses());
      }
    }
  }

  /**
   * The alias in bold, after a drag handle; a draft also gets a badge ("Draft", or "Not published"
   * after a failed publish). The nodes stay in place and only change text and visibility.
   */
  private static final class AliasCell extends TableCell<RouteRow, RouteRow> {
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass BUSY = PseudoClass.getPseudoClass("busy");
    private final FontIcon drag = Icons.cellIcon(Icons.DRAG, 14, "drag-handle");
    private final Label text = new Label();

    /** Made for the first draft this cell shows: most cells never show one. */
    private Label badge;

    private final HBox box = new HBox(3, drag, text);

    AliasCell() {
      getStyleClass().add("alias-cell");
      text.getStyleClass().add("alias-text");
      // The alias shrinks (with an ellipsis) only after the badge cannot give up more room.
      text.setMinWidth(36);
      HBox.setHgrow(text, Priority.SOMETIMES);
      box.setAlignment(Pos.CENTER_LEFT);
      setGraphic(box);
      setText(null);
      setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
      CutOffText.showFullTextOnHover(text, this);
    }

    private final InvalidationListener changed = o -> render();
    private final WeakInvalidationListener weakChanged = new WeakInvalidationListener(changed);
    private RouteRow bound;

    @Override
    protected void updateItem(RouteRow item, boolean empty) {
      super.updateItem(item, empty);
      if (bound != null) {
        bound.routeProperty().removeListener(weakChanged);
        bound.draftProperty().removeListener(weakChanged);
      }
      bound = empty ? null : item;
      if (bound != null) {
        // A draft saved again or renamed changes the row object's content, not the row.
        bound.routeProperty().addListener(weakChanged);
        bound.draftProperty().addListener(weakChanged);
      }
      render();
    }

    /**
     * The badge says "Draft" when the alias and the word both fit, else only its icon: the alias
     * keeps the room (the row's tooltip and the details under the list say what the icon means).
     */
    @Override
    protected void layoutChildren() {
      if (badge != null && badge.isVisible()) {
        double room = getWidth() - snappedLeftInset() - snappedRightInset();
        double alias =
            drag.prefWidth(-1) + text.prefWidth(-1) + box.getSpacing() * 2 + box.snappedLeftInset();
        badgeText.setFont(badge.getFont());
        badgeText.setText(badge.getText());
        double wholeBadge =
            badgeText.getLayoutBounds().getWidth()
                + badge.snappedLeftInset()
                + badge.snappedRightInset();
        badge.setContentDisplay(
            alias + wholeBadge <= room ? ContentDisplay.TEXT_ONLY : ContentDisplay.GRAPHIC_ONLY);
      }
      super.layoutChildren();
    }

    /** Measures the badge's words (see {@link #layoutChildren}). */
    private final Text badgeText = new Text();

    private void render() {
      boolean present = bound != null;
      box.setVisible(present);
      text.setText(present ? bound.label() : null);
      boolean draft = present && bound.isDraft();
      if (draft && badge == null) {
        badge = new Label(null, Icons.cellIcon(Icons.DRAFT, 12, "draft-badge-icon"));
        badge.getStyleClass().add("draft-badge");
        badge.setMinWidth(Region.USE_PREF_SIZE);
        badge.setContentDisplay(ContentDisplay.TEXT_ONLY);
        box.getChildren().add(badge);
      }
      if (badge != null) {
        badge.setVisible(draft);
        badge.setManaged(draft);
      }
      if (draft) {
        boolean failed = bound.draft().state().isEditable() && bound.draft().lastError() != null;
        badge.setText(DraftTexts.badge(bound));
        badge.pseudoClassStateChanged(FAILED, failed);
        badge.pseudoClassStateChanged(BUSY, bound.isPublishing());
      }
    }
  }

  private static final class TypeCell extends TableCell<RouteRow, RouteType> {
    private final FontIcon icon = Icons.cellIcon(Icons.of(RouteType.OTHER), 16, "route-type-icon");

    TypeCell() {
      getStyleClass().add("type-cell");
      // Always the graphic, without a glyph in empty rows (see Icons.show).
      setGraphic(icon);
    }

    @Override
    protected Skin<?> createDefaultSkin() {
      return new StableCellSkin<>(this);
    }

    @Override
    protected void updateItem(RouteType t, boolean empty) {
      super.updateItem(t, empty);
      if (empty || t == null) {
        setText(null);
        Icons.show(icon, null);
        return;
      }
      Icons.show(icon, Icons.of(t));
      // The type's colour: pseudo-classes on the icon itself (see .route-type-icon:host).
      for (RouteType other : RouteType.values()) {
        icon.pseudoClassStateChanged(PseudoClass.getPseudoClass(other.wireName()), other == t);
      }
      setText(shortName(t));
    }

    private static String shortName(RouteType t) {
      return Map.of(
              RouteType.HOST, "Host",
              RouteType.NUMBER, "Number",
              RouteType.URI, "URI",
              RouteType.SIP_REG, "SIP reg",
              RouteType.OTHER, "Other")
          .get(t);
    }
  }

  /** "12 · 3": primary and failover counts, each with its icon (plain Text nodes: cheap). */
  private static final class UsageCell extends TableCell<RouteRow, RouteRow> {
    private static final PseudoClass ZERO = PseudoClass.getPseudoClass("zero");
    private final FontIcon primaryIcon = Icons.cellIcon(Icons.PRIMARY, 13, "usage-icon");
    private final Text primary = new Text();
    private final FontIcon failoverIcon = Icons.cellIcon(Icons.FAILOVER, 13, "usage-icon");
    private final Text failover = new Text();
    private final HBox box = new HBox(3, primaryIcon, primary, failoverIcon, failover);
    private final LazyTooltip tooltip = new LazyTooltip(this);
    private RouteRow bound;
    private final InvalidationListener refresh = o -> render();
    private final WeakInvalidationListener weakRefresh = new WeakInvalidationListener(refresh);

    UsageCell() {
      // 8 px more between the two counts than between an icon and its count (a margin, not a
      // spacer node: one node less per row).
      HBox.setMargin(failoverIcon, new Insets(0, 0, 0, 11));
      box.setAlignment(Pos.CENTER_LEFT);
      box.getStyleClass().add("usage");
      primary.getStyleClass().add("usage-count");
      failover.getStyleClass().add("usage-count");
      setGraphic(box);
      box.setVisible(false);
    }

    @Override
    protected void updateItem(RouteRow item, boolean empty) {
      super.updateItem(item, empty);
      if (bound != null) {
        bound.primaryUsesProperty().removeListener(weakRefresh);
        bound.failoverUsesProperty().removeListener(weakRefresh);
      }
      bound = empty ? null : item;
      box.setVisible(bound != null);
      if (bound == null) {
        tooltip.setText(null);
        return;
      }
      bound.primaryUsesProperty().addListener(weakRefresh);
      bound.failoverUsesProperty().addListener(weakRefresh);
      render();
    }

    private void render() {
      if (bound == null) {
        return;
      }
      primary.setText(String.valueOf(bound.primaryUses()));
      failover.setText(String.valueOf(bound.failoverUses()));
      boolean noPrimary = bound.primaryUses() == 0;
      boolean noFailover = bound.failoverUses() == 0;
      primary.pseudoClassStateChanged(ZERO, noPrimary);
      primaryIcon.pseudoClassStateChanged(ZERO, noPrimary);
      failover.pseudoClassStateChanged(ZERO, noFailover);
      failoverIcon.pseudoClassStateChanged(ZERO, noFailover);
      tooltip.setText(RoutesViewModel.usageTooltip(bound));
    }
  }
}
