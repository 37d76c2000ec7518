package io.routedesk.ui.numbers;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.ui.controls.Command;
import io.routedesk.ui.controls.DragFormats;
import io.routedesk.ui.controls.Icons;
import io.routedesk.ui.controls.LazyTooltip;
import io.routedesk.ui.controls.Placeholder;
import io.routedesk.ui.controls.RevealingTableSkin;
import io.routedesk.ui.controls.Shortcuts;
import io.routedesk.ui.controls.StableCellSkin;
import io.routedesk.ui.controls.WhyDisabled;
import io.routedesk.ui.model.AccountState;
import io.routedesk.ui.model.Activity;
import io.routedesk.ui.model.NumberRow;
import io.routedesk.ui.model.RoutePicker;
import io.routedesk.ui.model.RouteRow;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Skin;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The number-assignment panel: numbers with their primary and failover routes, search and scope,
 * drag-and-drop targets with live feedback, the keyboard/menu equivalents, previews and the batch
 * panel.
 */
public final class NumbersView extends VBox {
  private static final PseudoClass DROP_ACCEPT = PseudoClass.getPseudoClass("drop-accept");
  private static final PseudoClass DROP_REFUSE = PseudoClass.getPseudoClass("drop-refuse");
  private static final PseudoClass DROP_SLOT = PseudoClass.getPseudoClass("drop-slot");
  private static final PseudoClass PENDING = PseudoClass.getPseudoClass("pending");
  private static final double ROW_HEIGHT = 30;
  private static final PseudoClass NO_ROUTE = PseudoClass.getPseudoClass("no-route");
  private static final PseudoClass ROUTING_UNKNOWN = PseudoClass.getPseudoClass("routing-unknown");
  private static final PseudoClass ROUTING_FAILED = PseudoClass.getPseudoClass("routing-failed");
  private static final PseudoClass DRAFT_PENDING = PseudoClass.getPseudoClass("draft-pending");

  /** What a drag currently hovers: the rows it would change, and whether it would be accepted. */
  record DropFeedback(Set<NumberRow> targets, VoiceSlot slot, boolean accepted) {}

  private final NumbersViewModel vm;
  private final AccountState account;
  private final Activity activity;
  private final Supplier<String> selectedRouteId;
  private final RoutePicker picker;
  private final CustomTextField search = new CustomTextField();
  private final TableView<NumberRow> table = new TableView<>();
  private final TableColumn<NumberRow, NumberRow> failoverColumn = new TableColumn<>("Failover");
  private final ObjectProperty<DropFeedback> feedback = new SimpleObjectProperty<>();
  private final FontIcon hintIcon = new FontIcon(Icons.SUCCESS);
  private final Label dropHint = new Label(null, hintIcon);
  private final Pane overlay = new Pane(dropHint);
  private ProposalKey lastKey;
  private Proposal lastProposal;

  private record ProposalKey(String routeId, NumberRow row, VoiceSlot slot, int selectionSize) {}

  /**
   * @param picker asks the user for a route ("Assign primary…")
   * @param selectedRouteId the route selected in the route list, to preselect in pickers
   */
  public NumbersView(
      NumbersViewModel vm,
      Activity activity,
      RoutePicker picker,
      Supplier<String> selectedRouteId) {
    this.vm = vm;
    this.picker = picker;
    this.account = vm.account();
    this.activity = activity;
    this.selectedRouteId = selectedRouteId;
    getStyleClass().addAll("pane", "numbers-pane");
    setId("numbers-pane");
    StackPane tableArea = new StackPane(table(), overlay);
    overlay.setMouseTransparent(true);
    overlay.setPickOnBounds(false);
    dropHint.getStyleClass().add("drop-hint");
    dropHint.setVisible(false);
    dropHint.setManaged(false);
    VBox.setVgrow(tableArea, Priority.ALWAYS);
    getChildren()
        .addAll(header(), filters(), routingBanner(), tableArea, new BatchPanel(vm), footer());
  }

  // ---- layout -------------------------------------------------------------------------------

  private HBox header() {
    Label title = new Label("Numbers");
    title.getStyleClass().addAll(Styles.TITLE_4, "pane-title");
    Label count = new Label();
    count.getStyleClass().add("count-badge");
    count.setId("numbers-count-badge");
    count.textProperty().bind(vm.countBadgeProperty());
    count.accessibleTextProperty().bind(vm.countSpokenProperty());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Button primary = new Button("Assign primary…", Icons.icon(Icons.PRIMARY));
    primary.setId("assign-primary");
    primary.setAccessibleText("Assign a primary route to the selected numbers");
    Shortcuts keys = Shortcuts.forThisComputer();
    vm.setRefreshKeyText(keys.firstKey(Command.REFRESH));
    primary.setTooltip(
        keys.tooltip("Choose the primary route of the selected numbers", Command.ASSIGN_PRIMARY));
    primary.setOnAction(e -> assignWithPicker(VoiceSlot.PRIMARY));
    Button failover = new Button("Assign failover…", Icons.icon(Icons.FAILOVER));
    failover.setId("assign-failover");
    failover.setAccessibleText("Assign a failover route to the selected numbers");
    failover.setTooltip(
        keys.tooltip("Choose the failover route of the selected numbers", Command.ASSIGN_FAILOVER));
    failover.setOnAction(e -> assignWithPicker(VoiceSlot.FAILOVER));
    Button remove = new Button(null, Icons.icon(Icons.REMOVE));
    remove.setId("remove-failover");
    remove.setAccessibleText("Remove the failover route of the selected numbers");
    remove.setTooltip(
        keys.tooltip("Remove failover of the selected numbers", Command.REMOVE_FAILOVER));
    remove.setOnAction(e -> removeFailover());
    primary
        .disableProperty()
        .bind(Bindings.isEmpty(vm.selection()).or(Bindings.isNotEmpty(vm.assignBlockedProperty())));
    failover
        .disableProperty()
        .bind(Bindings.isEmpty(vm.selection()).or(Bindings.isNotEmpty(vm.assignBlockedProperty())));
    remove
        .disableProperty()
        .bind(Bindings.isEmpty(vm.selection()).or(Bindings.isNotEmpty(vm.removeBlockedProperty())));
    primary.getStyleClass().add(Styles.LEFT_PILL);
    failover.getStyleClass().add(Styles.CENTER_PILL);
    remove.getStyleClass().add(Styles.RIGHT_PILL);
    for (Button b : List.of(primary, failover, remove)) {
      b.setMinWidth(Region.USE_PREF_SIZE);
      // Narrow pane (route form open, small window): icons only; tooltips keep the words.
      b.contentDisplayProperty()
          .bind(
              Bindings.when(widthProperty().lessThan(730))
                  .then(ContentDisplay.GRAPHIC_ONLY)
                  .otherwise(ContentDisplay.LEFT));
    }
    StackPane primaryHolder = WhyDisabled.wrap(primary, vm.assignBlockedProperty());
    primaryHolder.setId("assign-primary-holder");
    StackPane failoverHolder = WhyDisabled.wrap(failover, vm.assignBlockedProperty());
    failoverHolder.setId("assign-failover-holder");
    StackPane removeHolder = WhyDisabled.wrap(remove, vm.removeBlockedProperty());
    removeHolder.setId("remove-failover-holder");
    assignGroup = new HBox(primaryHolder, failoverHolder, removeHolder);
    assignGroup.setMinWidth(Region.USE_PREF_SIZE);
    title.setMinWidth(Region.USE_PREF_SIZE);
    count.setMinWidth(Region.USE_PREF_SIZE);
    HBox box = new HBox(8, title, count, spacer, scopeBox());
    box.setAlignment(Pos.CENTER_LEFT);
    box.getStyleClass().add("pane-header");
    return box;
  }

  private HBox assignGroup;

  private HBox scopeBox() {
    Label show = new Label("Show");
    show.getStyleClass().add(Styles.TEXT_MUTED);
    show.setMinWidth(Region.USE_PREF_SIZE);
    ComboBox<NumberScope> scope = new ComboBox<>(vm.scopes());
    scope.valueProperty().bindBidirectional(vm.scopeProperty());
    scope.setId("number-scope");
    scope.setAccessibleText("Show which numbers");
    scope.setPrefWidth(190);
    scope.setMinWidth(150);
    show.setLabelFor(scope);
    HBox box = new HBox(8, show, scope);
    box.setAlignment(Pos.CENTER_LEFT);
    return box;
  }

  private HBox filters() {
    search.setPromptText("Search by digits or alias");
    search.setLeft(Icons.icon(Icons.SEARCH));
    search.setId("number-search");
    search.setAccessibleText("Search numbers by digits or alias");
    search.textProperty().bindBidirectional(vm.searchProperty());
    Button clear = new Button(null, Icons.icon(Icons.CLEAR));
    clear.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
    clear.setAccessibleText("Clear number search");
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
              table.getFocusModel().focus(0);
            }
            e.consume();
          }
        });
    HBox.setHgrow(search, Priority.ALWAYS);
    search.setMaxWidth(420);
    search.setMinWidth(150);
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.SOMETIMES);
    HBox box = new HBox(8, search, spacer, assignGroup);
    box.setAlignment(Pos.CENTER_LEFT);
    box.getStyleClass().add("pane-filters");
    return box;
  }

  /** Routing still loading (with progress), or numbers whose routing could not be read. */
  private HBox routingBanner() {
    ProgressBar bar = new ProgressBar();
    bar.getStyleClass().add(Styles.SMALL);
    bar.setPrefWidth(160);
    bar.setAccessibleText("Routing loading progress");
    Label text = new Label();
    text.setId("routing-banner-text");
    Button retry = new Button("Retry", Icons.icon(Icons.RETRY));
    retry.getStyleClass().add(Styles.SMALL);
    retry.setAccessibleText("Read the failed numbers' routing again");
    retry.setOnAction(e -> vm.retryFailedRouting());
    HBox box = new HBox(10, bar, text, retry);
    box.setAlignment(Pos.CENTER_LEFT);
    box.getStyleClass().add("routing-banner");
    Runnable update =
        () -> {
          NumbersViewModel.RoutingBanner banner = vm.routingBannerProperty().get();
          boolean loading = banner.kind() == NumbersViewModel.RoutingBanner.Kind.LOADING;
          boolean failed = banner.kind() == NumbersViewModel.RoutingBanner.Kind.FAILED;
          bar.setVisible(loading);
          bar.setManaged(loading);
          bar.setProgress(loading ? banner.progress() : 0);
          retry.setVisible(failed);
          retry.setManaged(failed);
          box.pseudoClassStateChanged(PseudoClass.getPseudoClass("error"), failed);
          if (loading || failed) {
            text.setText(banner.text());
          }
          box.setVisible(loading || failed);
          box.setManaged(box.isVisible());
        };
    vm.routingBannerProperty().addListener((InvalidationListener) o -> update.run());
    update.run();
    return box;
  }

  private HBox footer() {
    Label count = new Label();
    count.setId("number-count");
    count
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    vm.countTextProperty().get()
                        + (vm.selection().isEmpty()
                            ? ""
                            : String.format(Locale.ROOT, " · %,d selected", vm.selection().size())),
                vm.countTextProperty(),
                vm.selection()));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Shortcuts keys = Shortcuts.forThisComputer();
    Label tip =
        new Label(
            "Drag a route onto a number (or its Failover cell) · "
                + keys.firstKey(Command.ASSIGN_PRIMARY)
                + " / "
                + keys.firstKey(Command.ASSIGN_FAILOVER)
                + " to assign by keyboard");
    tip.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
    tip.setMinWidth(0);
    tip.visibleProperty().bind(widthProperty().greaterThan(760));
    tip.managedProperty().bind(tip.visibleProperty());
    HBox box = new HBox(8, count, spacer, tip);
    box.setAlignment(Pos.CENTER_LEFT);
    box.getStyleClass().add("pane-footer");
    return box;
  }

  private TableView<NumberRow> table() {
    table.setId("numbers-table");
    table.setAccessibleText("Numbers");
    table
        .getStyleClass()
        .addAll(Styles.DENSE, Styles.STRIPED, Tweaks.EDGE_TO_EDGE, "numbers-table");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    // A fixed row height lets the table skip measuring rows: with 10,000 numbers, measuring made
    // every filter keystroke and every loaded page cost 100+ ms of layout.
    table.setFixedCellSize(ROW_HEIGHT);
    table.setSkin(new RevealingTableSkin<>(table));

    TableColumn<NumberRow, String> number = new TableColumn<>("Number");
    number.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().formatted()));
    number.setCellFactory(StableCellSkin.textCells());
    number.setComparator(Comparator.naturalOrder());
    number.setPrefWidth(150);
    number.setMinWidth(142);
    number.setId("col-number");
    number.getStyleClass().add("number-column");

    TableColumn<NumberRow, String> alias = new TableColumn<>("Alias");
    alias.setCellValueFactory(c -> c.getValue().aliasProperty());
    alias.setCellFactory(StableCellSkin.textCells());
    alias.setPrefWidth(140);
    alias.setMinWidth(70);
    alias.setId("col-alias");

    TableColumn<NumberRow, String> place = new TableColumn<>("Rate center");
    place.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().place()));
    place.setCellFactory(StableCellSkin.textCells());
    place.setPrefWidth(130);
    place.setMinWidth(70);
    place.setId("col-rate-center");

    TableColumn<NumberRow, NumberRow> primary = new TableColumn<>("Primary");
    primary.setId("col-primary");
    configureSlotColumn(primary, VoiceSlot.PRIMARY);
    failoverColumn.setId("col-failover");
    configureSlotColumn(failoverColumn, VoiceSlot.FAILOVER);

    table.getColumns().setAll(List.of(number, alias, place, primary, failoverColumn));
    SortedList<NumberRow> sorted = new SortedList<>(vm.visibleNumbers());
    sorted.comparatorProperty().bind(table.comparatorProperty());
    table.setItems(sorted);
    OnScreenRows.watch(table, vm::rowsOnScreen);
    table.setPlaceholder(
        new Placeholder(
            account.numbersStateProperty(),
            vm.placeholderTextProperty(),
            Icons.EMPTY_NUMBERS,
            null,
            null,
            account::refresh));
    table.setRowFactory(t -> new NumberTableRow());
    table
        .getSelectionModel()
        .getSelectedItems()
        .addListener(
            (ListChangeListener<NumberRow>)
                c ->
                    vm.selection()
                        .setAll(List.copyOf(table.getSelectionModel().getSelectedItems())));
    vm.selectRequestProperty().addListener((o, was, request) -> selectNumbers(table, request));
    table.setContextMenu(contextMenu());
    table.setOnDragOver(this::onTableDragOver);
    table.setOnDragExited(e -> clearFeedback());
    table.setOnDragDropped(e -> clearFeedback());
    return table;
  }

  /** Selects the requested numbers (those still listed) and scrolls to the first. */
  private static void selectNumbers(
      TableView<NumberRow> table, NumbersViewModel.SelectRequest request) {
    java.util.Set<String> wanted = new java.util.HashSet<>(request.numbers());
    java.util.List<Integer> indices = new java.util.ArrayList<>();
    java.util.List<NumberRow> rows = table.getItems();
    for (int i = 0; i < rows.size(); i++) {
      if (wanted.contains(rows.get(i).number())) {
        indices.add(i);
      }
    }
    table.getSelectionModel().clearSelection();
    if (indices.isEmpty()) {
      return;
    }
    int[] rest = indices.stream().skip(1).mapToInt(Integer::intValue).toArray();
    table.getSelectionModel().selectIndices(indices.getFirst(), rest);
    table.scrollTo(indices.getFirst());
    table.requestFocus();
  }

  private void configureSlotColumn(TableColumn<NumberRow, NumberRow> col, VoiceSlot slot) {
    col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    col.setCellFactory(c -> new SlotCell(slot));
    col.setComparator(
        Comparator.comparing(
            (NumberRow r) -> r.routeId(slot) == null ? "" : account.routeLabel(r.routeId(slot)),
            String.CASE_INSENSITIVE_ORDER));
    col.setPrefWidth(170);
    col.setMinWidth(110);
    col.getStyleClass().add("slot-column");
  }

  private ContextMenu contextMenu() {
    MenuItem primary = new MenuItem("Assign primary…", Icons.icon(Icons.PRIMARY));
    primary.setOnAction(e -> assignWithPicker(VoiceSlot.PRIMARY));
    MenuItem failover = new MenuItem("Assign failover…", Icons.icon(Icons.FAILOVER));
    failover.setOnAction(e -> assignWithPicker(VoiceSlot.FAILOVER));
    MenuItem remove = new MenuItem("Remove failover", Icons.icon(Icons.REMOVE));
    remove.setOnAction(e -> removeFailover());
    MenuItem dropPending = new MenuItem("Drop pending draft assignments", Icons.icon(Icons.CLEAR));
    dropPending.setId("menu-drop-pending");
    dropPending.setOnAction(e -> vm.dropPendingOfSelection());
    MenuItem copy = new MenuItem("Copy numbers");
    copy.setOnAction(
        e -> {
          ClipboardContent c = new ClipboardContent();
          c.putString(String.join("\n", vm.selection().stream().map(NumberRow::number).toList()));
          Clipboard.getSystemClipboard().setContent(c);
        });
    ContextMenu menu =
        new ContextMenu(primary, failover, remove, dropPending, new SeparatorMenuItem(), copy);
    menu.setOnShowing(
        e -> {
          boolean none = vm.selection().isEmpty();
          boolean assignBlocked = !vm.assignBlockedProperty().get().isEmpty();
          primary.setDisable(none || assignBlocked);
          failover.setDisable(none || assignBlocked);
          remove.setDisable(none || !vm.removeBlockedProperty().get().isEmpty());
          dropPending.setDisable(!vm.selectionHasDraftPending());
          copy.setDisable(none);
        });
    return menu;
  }

  // ---- commands (menu, keyboard, buttons) ---------------------------------------------------

  public void focusSearch() {
    search.requestFocus();
    search.selectAll();
  }

  public TableView<NumberRow> tableView() {
    return table;
  }

  /** "Assign primary…" / "Assign failover…": pick a route with the keyboard, then apply. */
  public void assignWithPicker(VoiceSlot slot) {
    vm.routePickerRequest(slot, selectedRouteId.get())
        .ifPresent(
            request -> {
              Optional<RouteRow> chosen = picker.pick(request);
              table.requestFocus();
              chosen.ifPresent(route -> assign(route.id(), slot));
            });
  }

  /** Assigns a route to the selected numbers (from the route list's context menu too). */
  public void assign(String routeId, VoiceSlot slot) {
    confirmAndApply(vm.proposeForSelection(routeId, slot));
  }

  public void removeFailover() {
    if (!vm.removeBlockedProperty().get().isEmpty()) {
      activity.notify(Activity.Severity.WARNING, vm.removeBlockedProperty().get());
      return;
    }
    confirmAndApply(vm.proposeForSelection(null, VoiceSlot.FAILOVER));
  }

  /** One number: apply at once (undo is one keystroke away). Several: preview first. */
  private void confirmAndApply(Proposal p) {
    if (!p.accepted()) {
      activity.notify(Activity.Severity.WARNING, p.headline());
      return;
    }
    if (p.changeCount() == 1 && p.skipped().isEmpty()) {
      vm.apply(p);
      return;
    }
    AssignmentPreviewDialog preview =
        new AssignmentPreviewDialog(getScene().getWindow(), p, account::routeLabel);
    preview.setOnHidden(e -> table.requestFocus());
    if (Boolean.TRUE.equals(preview.showAndWait().orElse(false))) {
      vm.apply(p);
    }
  }

  // ---- drag and drop ------------------------------------------------------------------------

  private static String routeIdOf(Dragboard db) {
    Object id = db.getContent(DragFormats.ROUTE_ID);
    return id instanceof String s ? s : null;
  }

  /** Over empty table space: nothing to drop on. */
  private void onTableDragOver(DragEvent e) {
    if (routeIdOf(e.getDragboard()) == null || e.isConsumed()) {
      return;
    }
    feedback.set(null);
    showHint("Drop onto a number", false, e);
    e.consume();
  }

  private void onRowDragOver(NumberTableRow row, DragEvent e) {
    String routeId = routeIdOf(e.getDragboard());
    NumberRow item = row.getItem();
    if (routeId == null || item == null) {
      return;
    }
    VoiceSlot slot = slotUnder(e);
    Proposal p = proposalFor(routeId, item, slot);
    List<NumberRow> targets = targetsFor(item);
    feedback.set(new DropFeedback(Set.copyOf(targets), slot, p.accepted()));
    if (p.accepted()) {
      e.acceptTransferModes(TransferMode.LINK, TransferMode.COPY);
    }
    String text = p.accepted() ? p.headline() : "Refused: " + p.headline();
    if (p.accepted() && !p.detail().isEmpty()) {
      text += "\n" + p.detail();
    }
    showHint(text, p.accepted(), e);
    e.consume();
  }

  private void onRowDragDropped(NumberTableRow row, DragEvent e) {
    String routeId = routeIdOf(e.getDragboard());
    NumberRow item = row.getItem();
    boolean done = false;
    if (routeId != null && item != null) {
      Proposal p = proposalFor(routeId, item, slotUnder(e));
      done = p.accepted();
      clearFeedback();
      if (done) {
        // After the drop completes, so a preview dialog does not run inside the DnD loop.
        Platform.runLater(() -> confirmAndApply(p));
      } else {
        activity.notify(Activity.Severity.WARNING, p.headline());
      }
    }
    e.setDropCompleted(done);
    e.consume();
  }

  /** The hovered row alone, or the whole selection when the row is part of it. */
  private List<NumberRow> targetsFor(NumberRow row) {
    if (table.getSelectionModel().getSelectedItems().contains(row)) {
      return List.copyOf(table.getSelectionModel().getSelectedItems());
    }
    return List.of(row);
  }

  private Proposal proposalFor(String routeId, NumberRow row, VoiceSlot slot) {
    int selected = table.getSelectionModel().getSelectedItems().size();
    ProposalKey key = new ProposalKey(routeId, row, slot, selected);
    // DRAG_OVER fires on every mouse move: resolve once per target.
    if (!key.equals(lastKey) || lastProposal == null) {
      lastKey = key;
      lastProposal = vm.propose(routeId, targetsFor(row), slot);
    }
    return lastProposal;
  }

  /** Failover when the pointer is over the Failover column, primary anywhere else on the row. */
  private VoiceSlot slotUnder(DragEvent e) {
    Node n = e.getPickResult() == null ? null : e.getPickResult().getIntersectedNode();
    while (n != null && !(n instanceof TableCell<?, ?>)) {
      n = n.getParent();
    }
    if (n instanceof TableCell<?, ?> cell && cell.getTableColumn() == failoverColumn) {
      return VoiceSlot.FAILOVER;
    }
    return VoiceSlot.PRIMARY;
  }

  private void showHint(String text, boolean accepted, DragEvent e) {
    dropHint.setText(text);
    dropHint.pseudoClassStateChanged(DROP_ACCEPT, accepted);
    dropHint.pseudoClassStateChanged(DROP_REFUSE, !accepted);
    hintIcon.setIconCode(accepted ? Icons.SUCCESS : Icons.CANCEL);
    dropHint.setVisible(true);
    dropHint.autosize();
    Point2D p = overlay.sceneToLocal(e.getSceneX(), e.getSceneY());
    // Below the dragged chip (which sits just down-right of the pointer).
    double x = Math.min(p.getX() + 14, overlay.getWidth() - dropHint.getWidth() - 8);
    double y = p.getY() + 46;
    if (y + dropHint.getHeight() > overlay.getHeight() - 8) {
      y = p.getY() - dropHint.getHeight() - 16;
    }
    dropHint.relocate(Math.max(8, x), Math.max(8, y));
  }

  private void clearFeedback() {
    feedback.set(null);
    dropHint.setVisible(false);
    lastKey = null;
    lastProposal = null;
  }

  /** The hint currently shown while dragging (for tests and screen readers). */
  public Label dropHint() {
    return dropHint;
  }

  private final class NumberTableRow extends TableRow<NumberRow> {
    private final InvalidationListener pendingListener = o -> updatePending();
    private final WeakInvalidationListener weakPending =
        new WeakInvalidationListener(pendingListener);
    private final InvalidationListener feedbackListener = o -> updateFeedback();
    private NumberRow bound;

    NumberTableRow() {
      setOnDragOver(e -> onRowDragOver(this, e));
      setOnDragDropped(e -> onRowDragDropped(this, e));
      // Weak: table.refresh() replaces rows, and the old ones must not stay reachable.
      feedback.addListener(new WeakInvalidationListener(feedbackListener));
    }

    @Override
    protected void updateItem(NumberRow item, boolean empty) {
      super.updateItem(item, empty);
      if (bound != null) {
        bound.pendingProperty().removeListener(weakPending);
      }
      bound = empty ? null : item;
      if (bound != null) {
        bound.pendingProperty().addListener(weakPending);
        setAccessibleText(
            item.formatted()
                + (item.alias().isEmpty() ? "" : ", " + item.alias())
                + ", primary "
                + label(item.primaryRouteId())
                + ", failover "
                + label(item.failoverRouteId()));
      } else {
        setAccessibleText(null);
      }
      updatePending();
      updateFeedback();
    }

    private String label(String id) {
      return id == null ? "none" : account.routeLabel(id);
    }

    private void updatePending() {
      pseudoClassStateChanged(PENDING, bound != null && bound.pendingProperty().get());
    }

    private void updateFeedback() {
      DropFeedback f = feedback.get();
      boolean hit = f != null && bound != null && f.targets().contains(bound);
      pseudoClassStateChanged(DROP_ACCEPT, hit && f.accepted());
      pseudoClassStateChanged(DROP_REFUSE, hit && !f.accepted());
    }
  }

  /** A route chip (type icon + label), or the routing state when it is not known. */
  private final class SlotCell extends TableCell<NumberRow, NumberRow> {
    private final VoiceSlot slot;
    // No glyph until the routing is known: "Loading…" starts at the cell's left edge.
    private final FontIcon icon = Icons.cellIcon(null, 15, "slot-icon");
    private final LazyTooltip tooltip = new LazyTooltip(this);
    private final InvalidationListener repaint = o -> render();
    private final WeakInvalidationListener weakRepaint = new WeakInvalidationListener(repaint);
    private final ChangeListener<Number> labelsChanged = (o, a, b) -> render();
    private final WeakChangeListener<Number> weakLabelsChanged =
        new WeakChangeListener<>(labelsChanged);
    private final InvalidationListener feedbackListener = o -> updateFeedback();
    private NumberRow bound;

    SlotCell(VoiceSlot slot) {
      this.slot = slot;
      getStyleClass().add("slot-cell");
      setGraphic(icon);
      feedback.addListener(new WeakInvalidationListener(feedbackListener));
      // Route renamed or added: repaint the text, without rebuilding the table's cells.
      // (A change listener: an invalidation listener would fire once, as nothing reads the value.)
      account.routeLabelsRevisionProperty().addListener(weakLabelsChanged);
    }

    @Override
    protected Skin<?> createDefaultSkin() {
      return new StableCellSkin<>(this);
    }

    @Override
    protected void updateItem(NumberRow item, boolean empty) {
      super.updateItem(item, empty);
      if (bound != null) {
        bound.routeIdProperty(slot).removeListener(weakRepaint);
        bound.routingStatusProperty().removeListener(weakRepaint);
        bound.pendingProperty().removeListener(weakRepaint);
        bound.draftRouteIdProperty(slot).removeListener(weakRepaint);
      }
      bound = empty ? null : item;
      if (bound != null) {
        bound.routeIdProperty(slot).addListener(weakRepaint);
        bound.routingStatusProperty().addListener(weakRepaint);
        bound.pendingProperty().addListener(weakRepaint);
        bound.draftRouteIdProperty(slot).addListener(weakRepaint);
      }
      render();
      updateFeedback();
    }

    // State is shown with pseudo-classes, not style classes: changing style classes makes JavaFX
    // rebuild the cell's CSS, which made scrolling and filtering 10,000 rows slow.
    private void render() {
      boolean unknown = false;
      boolean none = false;
      boolean failed = false;
      String tip = null;
      Ikon shown = null;
      if (bound == null) {
        setText(null);
      } else if (bound.routingStatus() == NumberRow.RoutingStatus.UNKNOWN) {
        unknown = true;
        setText("Loading…");
      } else {
        String id = bound.routeId(slot);
        failed = bound.routingStatus() == NumberRow.RoutingStatus.FAILED;
        boolean pending = bound.pendingProperty().get();
        if (id == null) {
          none = true;
          setText(failed ? "Unknown" : NumberRow.NO_ROUTE);
        } else {
          RouteRow route = account.route(id);
          setText(account.routeLabel(id));
          shown = route == null ? Icons.of(RouteType.OTHER) : Icons.of(route.route().type());
          if (route != null) {
            Route r = route.route();
            tip = r.type().displayName() + (r.value() == null ? "" : ": " + r.value());
          }
        }
        if (pending) {
          shown = Icons.PENDING;
        }
        if (failed) {
          shown = Icons.WARNING;
          tip =
              "Could not read this number's routing: "
                  + bound.routingErrorProperty().get()
                  + "\nShowing the last known value.";
        }
      }
      boolean draftPending = bound != null && bound.draftRouteId(slot) != null;
      if (draftPending) {
        // What the slot becomes when the draft is published; the current route is in the tip.
        String draftId = bound.draftRouteId(slot);
        String now = bound.routeId(slot);
        setText(account.routeLabel(draftId) + " (draft)");
        shown = Icons.PENDING;
        none = false;
        unknown = false;
        tip =
            "Pending: becomes "
                + account.routeLabel(draftId)
                + " when that draft is published. Now: "
                + (now == null ? "none" : account.routeLabel(now))
                + ".";
      }
      // The icon stays in place, without a glyph when there is none (see Icons.show).
      Icons.show(icon, shown);
      pseudoClassStateChanged(DRAFT_PENDING, draftPending);
      pseudoClassStateChanged(NO_ROUTE, none);
      pseudoClassStateChanged(ROUTING_UNKNOWN, unknown);
      pseudoClassStateChanged(ROUTING_FAILED, failed && !draftPending);
      // The icon's colour follows these two (its own pseudo-classes: no descendant selectors).
      icon.pseudoClassStateChanged(DRAFT_PENDING, draftPending);
      icon.pseudoClassStateChanged(ROUTING_FAILED, failed && !draftPending);
      tooltip.setText(tip);
    }

    private void updateFeedback() {
      DropFeedback f = feedback.get();
      boolean hit = f != null && bound != null && f.slot() == slot && f.targets().contains(bound);
      pseudoClassStateChanged(DROP_SLOT, hit);
    }
  }
}
