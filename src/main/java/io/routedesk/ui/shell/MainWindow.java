package io.routedesk.ui.shell;

import atlantafx.base.theme.Styles;
import io.routedesk.domain.Route;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.store.Draft;
import io.routedesk.ui.common.Icons;
import io.routedesk.ui.common.RouteRow;
import io.routedesk.ui.common.ThemeMode;
import io.routedesk.ui.newroute.RouteFormView;
import io.routedesk.ui.newroute.RouteFormViewModel;
import io.routedesk.ui.numbers.NumbersView;
import io.routedesk.ui.numbers.NumbersViewModel;
import io.routedesk.ui.routes.DeleteRouteFlow;
import io.routedesk.ui.routes.RoutesView;
import io.routedesk.ui.routes.RoutesViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The main window: menu bar, sandbox banner, route list (left), numbers (centre), the route form
 * (right, when open) and the status bar. Wires the feature views to each other; holds no logic of
 * its own beyond layout and keyboard commands.
 */
public final class MainWindow {
  public static final String STYLESHEET =
      Objects.requireNonNull(MainWindow.class.getResource("/io/routedesk/ui/routedesk.css"))
          .toExternalForm();

  private final ShellViewModel shell;
  private final RoutesViewModel routes;
  private final NumbersViewModel numbers;
  private final RouteFormViewModel form;
  private final StackPane root = new StackPane();
  private final BorderPane frame = new BorderPane();
  private final SplitPane split = new SplitPane();
  private final RoutesView routesView;
  private final NumbersView numbersView;
  private final RouteFormView formView;
  private final StackPane formSlot = new StackPane();
  private final HBox menuRow = new HBox();
  private final VBox top = new VBox();
  private final VBox extraBanners = new VBox();
  private Scene scene;
  private ThemeController theme;
  // While this window shows on a stage: the stage, the layout it started from and the listeners
  // that save the layout (removed when another account's window takes the stage over).
  private Stage stage;
  private WindowLayout startLayout;
  private final List<Runnable> stageReleases = new ArrayList<>();

  public MainWindow(
      ShellViewModel shell,
      RoutesViewModel routes,
      NumbersViewModel numbers,
      RouteFormViewModel form) {
    this.shell = shell;
    this.routes = routes;
    this.numbers = numbers;
    this.form = form;
    root.getStyleClass().add("main-window");
    root.setId("main-window");

    this.numbersView =
        new NumbersView(
            numbers,
            shell.activity(),
            () ->
                routes.selectedProperty().get() == null
                    ? null
                    : routes.selectedProperty().get().id());
    DeleteRouteFlow deleteFlow = new DeleteRouteFlow(routes, () -> scene.getWindow());
    this.routesView =
        new RoutesView(
            routes,
            new RoutesView.Actions() {
              @Override
              public void newRoute() {
                openNewRouteForm();
              }

              @Override
              public void editRoute(Route route) {
                openEditForm(route);
              }

              @Override
              public void showNumbersUsing(String routeId) {
                numbers.showNumbersUsing(routeId);
              }

              @Override
              public void assignToSelectedNumbers(String routeId, VoiceSlot slot) {
                numbersView.assign(routeId, slot);
              }

              @Override
              public void editDraft(Draft draft) {
                openEditDraftForm(draft);
              }
            },
            deleteFlow);
    this.formView = new RouteFormView(form, this::closeForm);
    form.setOnSaved(
        saved -> {
          routes.select(saved.id());
          // Created: the form stays for the next route. Edited or a draft published: done.
          if (form.modeProperty().get() != RouteFormViewModel.Mode.CREATE) {
            closeForm();
          }
        });
    form.setOnDraftSaved(draft -> routes.select(RouteRow.draftRowId(draft.id())));

    split.getItems().setAll(routesView, numbersView);
    split.setDividerPositions(0.43);
    split.setId("main-split");
    SplitPane.setResizableWithParent(routesView, false);
    routesView.setMinWidth(300);
    numbersView.setMinWidth(440);
    formSlot.getStyleClass().add("form-slot");
    formSlot.setPrefWidth(370);
    formSlot.setMinWidth(320);
    formSlot.setMaxWidth(420);

    MenuBar bar = menuBar();
    HBox.setHgrow(bar, Priority.ALWAYS);
    menuRow.getChildren().setAll(bar);
    menuRow.getStyleClass().add("menu-row");
    menuRow.setAlignment(Pos.CENTER_LEFT);
    top.getChildren().setAll(menuRow);
    if (shell.isSandbox()) {
      top.getChildren().add(sandboxBanner());
    }
    top.getChildren().add(extraBanners);
    frame.setTop(top);
    // Toasts float over the panels only: banners above them (offline, back online) stay clickable.
    frame.setCenter(new StackPane(split, new Toasts(shell.activity())));
    frame.setBottom(new StatusBar(shell));
    root.getChildren().setAll(frame);
  }

  /** Builds the scene (once) with the theme, the app stylesheet and the window's shortcuts. */
  public Scene scene(double width, double height) {
    if (scene == null) {
      scene = new Scene(root, width, height);
      scene.getStylesheets().add(STYLESHEET);
      theme = new ThemeController(shell.themeModeProperty(), root);
    }
    return scene;
  }

  /**
   * Puts the account feature's controls into the window: its menu at the right end of the menu bar
   * row, and its banner (which replaces the plain sandbox banner) under the menu bar.
   */
  public void setAccountControls(Node accountMenu, Node banner) {
    MenuBar bar = (MenuBar) menuRow.getChildren().getFirst();
    menuRow.getChildren().setAll(bar, accountMenu);
    top.getChildren().setAll(menuRow, banner, extraBanners);
  }

  /** Shows the window on a stage, placed where it was last time if that is still on a screen. */
  public void show(Stage stage, WindowLayout layout, Consumer<WindowLayout> onLayoutChanged) {
    double w = layout.width() != null ? layout.width() : 1320;
    double h = layout.height() != null ? layout.height() : 820;
    stage.setScene(scene(w, h));
    stage.setTitle(title());
    // Route list + numbers + route form at their minimum widths.
    stage.setMinWidth(1080);
    stage.setMinHeight(560);
    if (layout.x() != null && layout.y() != null && onScreen(layout.x(), layout.y(), w)) {
      stage.setX(layout.x());
      stage.setY(layout.y());
    } else {
      stage.centerOnScreen();
    }
    stage.setMaximized(layout.maximized());
    if (layout.routesDivider() != null) {
      split.setDividerPositions(layout.routesDivider());
    }
    followLayout(stage, layout, onLayoutChanged);
    stage.show();
    Platform.runLater(() -> numbersView.tableView().requestFocus());
  }

  /**
   * Takes the place of another window (another account's) on its stage: same size, place and split.
   * The other window lets go of the stage, so it can be garbage collected.
   */
  public void replace(MainWindow previous, Consumer<WindowLayout> onLayoutChanged) {
    Stage target = Objects.requireNonNull(previous.stage, "the previous window is not shown");
    WindowLayout layout = previous.startLayout;
    double divider = previous.split.getDividerPositions()[0];
    Scene old = target.getScene();
    previous.dispose();
    split.setDividerPositions(divider);
    target.setScene(scene(old.getWidth(), old.getHeight()));
    target.setTitle(title());
    followLayout(target, layout, onLayoutChanged);
    Platform.runLater(() -> numbersView.tableView().requestFocus());
  }

  /**
   * Stops following the stage and the OS colour scheme (before another window takes the stage over,
   * or when the app closes), so nothing long-lived keeps this window. Idempotent; callable from any
   * thread (the work is done on the FX thread, where the platform preferences live).
   */
  public void dispose() {
    if (!Platform.isFxApplicationThread()) {
      Platform.runLater(this::dispose);
      return;
    }
    stageReleases.forEach(Runnable::run);
    stageReleases.clear();
    stage = null;
    if (theme != null) {
      theme.dispose();
    }
  }

  private String title() {
    return shell.isSandbox() ? "RouteDesk — Sandbox" : "RouteDesk — " + shell.accountInfo().label();
  }

  /** Saves the layout whenever the stage moves or resizes, or the split moves. */
  private void followLayout(
      Stage target, WindowLayout layout, Consumer<WindowLayout> onLayoutChanged) {
    this.stage = target;
    this.startLayout = layout;
    Runnable save =
        () ->
            onLayoutChanged.accept(
                new WindowLayout(
                    target.isMaximized() ? layout.x() : target.getX(),
                    target.isMaximized() ? layout.y() : target.getY(),
                    target.isMaximized() ? layout.width() : target.getWidth(),
                    target.isMaximized() ? layout.height() : target.getHeight(),
                    target.isMaximized(),
                    split.getDividerPositions()[0]));
    InvalidationListener listener = o -> save.run();
    List<Observable> watched =
        List.of(
            target.xProperty(),
            target.yProperty(),
            target.widthProperty(),
            target.heightProperty(),
            target.maximizedProperty(),
            split.getDividers().getFirst().positionProperty());
    for (Observable o : watched) {
      o.addListener(listener);
      stageReleases.add(() -> o.removeListener(listener));
    }
  }

  private static boolean onScreen(double x, double y, double w) {
    // At least a title bar's worth of the window must be visible on some screen.
    return !Screen.getScreensForRectangle(new Rectangle2D(x, y, Math.max(100, w / 3), 40))
        .isEmpty();
  }

  public StackPane root() {
    return root;
  }

  public RoutesView routesView() {
    return routesView;
  }

  public NumbersView numbersView() {
    return numbersView;
  }

  public RouteFormView formView() {
    return formView;
  }

  // ---- route form ---------------------------------------------------------------------------

  public void openNewRouteForm() {
    if (form.modeProperty().get() != RouteFormViewModel.Mode.CREATE || !isFormOpen()) {
      form.startCreate();
    }
    showForm();
  }

  public void openEditForm(Route route) {
    form.startEdit(route);
    showForm();
  }

  public void openEditDraftForm(Draft draft) {
    form.startEditDraft(draft);
    showForm();
  }

  /**
   * Adds a banner under the menu bar and the account banner (e.g. offline, local data notices); it
   * stays when the account controls are put in.
   */
  public void addBanner(Node banner) {
    extraBanners.getChildren().add(banner);
  }

  private void showForm() {
    if (!isFormOpen()) {
      formSlot.getChildren().setAll(formView);
      frame.setRight(formSlot);
    }
    Platform.runLater(formView::focusFirstField);
  }

  public boolean isFormOpen() {
    return frame.getRight() != null;
  }

  public void closeForm() {
    frame.setRight(null);
    routesView.tableView().requestFocus();
  }

  // ---- chrome -------------------------------------------------------------------------------

  private HBox sandboxBanner() {
    Label text =
        new Label(
            "You are exploring the built-in sandbox: a simulated Flowroute account on this"
                + " computer. Nothing you change here reaches Flowroute.");
    text.setWrapText(true);
    text.setGraphic(Icons.icon(Icons.SANDBOX));
    text.setId("sandbox-banner-text");
    HBox.setHgrow(text, Priority.ALWAYS);
    text.setMaxWidth(Double.MAX_VALUE);
    Button connect = new Button("Connect account…", Icons.icon(Icons.CONNECT));
    connect.setId("connect-account");
    connect.setAccessibleText("Connect your Flowroute account");
    connect.getStyleClass().add(Styles.ACCENT);
    connect.setOnAction(e -> shell.connectAccount());
    HBox box = new HBox(12, text, connect);
    box.setAlignment(Pos.CENTER_LEFT);
    box.getStyleClass().add("sandbox-banner");
    box.setId("sandbox-banner");
    return box;
  }

  private MenuBar menuBar() {
    Menu file = new Menu("_File");
    MenuItem connect =
        item(
            shell.isSandbox() ? "Connect account…" : "Connect another account…",
            null,
            e -> shell.connectAccount());
    file.getItems().addAll(connect, new SeparatorMenuItem());
    file.getItems()
        .addAll(
            item("Refresh", new KeyCodeCombination(KeyCode.F5), e -> shell.refresh()),
            new SeparatorMenuItem(),
            item(
                "Close window",
                new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN),
                e -> scene.getWindow().hide()));

    MenuItem undo =
        item("Undo", new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN), e -> undo());
    undo.textProperty().bind(numbers.undoTextProperty());
    Menu edit =
        new Menu(
            "_Edit",
            null,
            undo,
            new SeparatorMenuItem(),
            item(
                "Find numbers",
                new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN),
                e -> numbersView.focusSearch()),
            item(
                "Find routes",
                new KeyCodeCombination(
                    KeyCode.F, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                e -> routesView.focusSearch()));

    Menu routeMenu =
        new Menu(
            "_Routes",
            null,
            item(
                "New route…",
                new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN),
                e -> openNewRouteForm()),
            item(
                "Edit route…",
                new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN),
                e -> routesView.requestEdit(selectedRoute())),
            item("Delete route…", null, e -> routesView.requestDelete(selectedRoute())),
            new SeparatorMenuItem(),
            item(
                "Publish all drafts",
                new KeyCodeCombination(
                    KeyCode.U, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                e -> routes.publishAll()),
            new SeparatorMenuItem(),
            item(
                "Show numbers using the route",
                null,
                e -> {
                  RouteRow r = selectedRoute();
                  if (r != null) {
                    numbers.showNumbersUsing(r.id());
                  }
                }),
            item(
                "Go to route list",
                new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN),
                e -> routesView.tableView().requestFocus()));

    Menu numberMenu =
        new Menu(
            "_Numbers",
            null,
            item(
                "Assign primary…",
                new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN),
                e -> numbersView.assignWithPicker(VoiceSlot.PRIMARY)),
            item(
                "Assign failover…",
                new KeyCodeCombination(
                    KeyCode.P, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                e -> numbersView.assignWithPicker(VoiceSlot.FAILOVER)),
            item(
                "Remove failover",
                new KeyCodeCombination(
                    KeyCode.R, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                e -> numbersView.removeFailover()),
            new SeparatorMenuItem(),
            item(
                "Go to numbers",
                new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN),
                e -> numbersView.tableView().requestFocus()));

    Menu theme = new Menu("Theme");
    ToggleGroup themes = new ToggleGroup();
    for (ThemeMode m : ThemeMode.values()) {
      RadioMenuItem r = new RadioMenuItem(m.label());
      r.setToggleGroup(themes);
      r.setSelected(shell.themeModeProperty().get() == m);
      r.setOnAction(e -> shell.themeModeProperty().set(m));
      shell.themeModeProperty().addListener((o, a, b) -> r.setSelected(b == m));
      theme.getItems().add(r);
    }
    Menu view = new Menu("_View", null, theme);

    Menu help =
        new Menu(
            "_Help",
            null,
            item("Keyboard shortcuts", new KeyCodeCombination(KeyCode.F1), e -> showShortcuts()));
    MenuBar bar = new MenuBar(file, edit, routeMenu, numberMenu, view, help);
    bar.setId("menu-bar");
    bar.setAccessibleText("Menu bar");
    return bar;
  }

  private RouteRow selectedRoute() {
    return routes.selectedProperty().get();
  }

  /** Ctrl+Z undoes typing in a text field first; elsewhere it undoes the last batch. */
  private void undo() {
    Node focus = scene.getFocusOwner();
    if (focus instanceof TextInputControl t) {
      if (t.isUndoable()) {
        t.undo();
      }
      return;
    }
    numbers.undo();
  }

  private static MenuItem item(
      String text, KeyCombination key, javafx.event.EventHandler<javafx.event.ActionEvent> action) {
    MenuItem i = new MenuItem(text);
    if (key != null) {
      i.setAccelerator(key);
    }
    i.setOnAction(action);
    return i;
  }

  private void showShortcuts() {
    String[][] rows = {
      {"Ctrl+N", "New route"},
      {"Ctrl+E / Enter / F2", "Edit the selected route"},
      {"Delete", "Delete the selected route (in the route list)"},
      {"Ctrl+F", "Find numbers"},
      {"Ctrl+Shift+F", "Find routes"},
      {"Ctrl+1 / Ctrl+2", "Go to the route list / numbers"},
      {"Shift+↑↓, Ctrl+A", "Select several numbers"},
      {"Ctrl+P", "Assign primary route to the selected numbers"},
      {"Ctrl+Shift+P", "Assign failover route to the selected numbers"},
      {"Ctrl+Shift+R", "Remove failover of the selected numbers"},
      {"Ctrl+Z", "Undo the last change"},
      {"Ctrl+Shift+U", "Publish all drafts"},
      {"F5", "Refresh"},
      {"Ctrl+W", "Close the window"},
      {"Enter / Esc", "Confirm / cancel a dialog; Esc closes the route form"},
    };
    GridPane grid = new GridPane();
    grid.setHgap(24);
    grid.setVgap(6);
    for (int i = 0; i < rows.length; i++) {
      Label key = new Label(rows[i][0]);
      key.getStyleClass().add("kbd");
      grid.add(key, 0, i);
      grid.add(new Label(rows[i][1]), 1, i);
    }
    Alert a = new Alert(Alert.AlertType.NONE, null, ButtonType.CLOSE);
    io.routedesk.ui.common.Dialogs.adopt(a, scene.getWindow());
    a.setTitle("Keyboard shortcuts");
    a.setHeaderText("Keyboard shortcuts");
    a.getDialogPane().setContent(grid);
    a.showAndWait();
  }
}
