package io.routedesk.ui.account;

import atlantafx.base.theme.Styles;
import io.routedesk.service.OpenOutcome;
import io.routedesk.store.AccountProfile;
import io.routedesk.ui.controls.Dialogs;
import io.routedesk.ui.controls.Icons;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The account controls of the main window: the account menu for the toolbar (which account is open
 * and of what kind, switch, connect another, sign out) and the banner under the menu bar (sandbox,
 * keys to enter again, keys kept for this session only, problems). Also runs the dialogs behind
 * them: sign-in, entering keys again, and confirming a sign-out.
 *
 * <p>Built once and moved into each new main window, so the nodes (and their bindings to the
 * long-lived {@link AccountsViewModel}) never keep an old window alive. FX thread only.
 */
public final class AccountControls {
  private static final String STYLESHEET =
      Objects.requireNonNull(AccountControls.class.getResource("account.css")).toExternalForm();

  private final AccountsViewModel vm;
  private final Supplier<String> workInProgress;
  private final MenuButton menu = new MenuButton();
  private final HBox banner = new HBox(12);

  /**
   * @param workInProgress describes changes the open window is still sending to Flowroute ("A
   *     change to 40 numbers is still being sent."), or returns null/"" when there are none;
   *     leaving the account then asks first, because closing its connection stops them
   */
  public AccountControls(AccountsViewModel vm, Supplier<String> workInProgress) {
    this.vm = Objects.requireNonNull(vm, "vm");
    this.workInProgress = Objects.requireNonNull(workInProgress, "workInProgress");

    menu.setId("account-menu");
    menu.getStyleClass().addAll("account-menu", Styles.FLAT);
    menu.getStylesheets().add(STYLESHEET);
    menu.setMnemonicParsing(false);
    menu.setFocusTraversable(true);
    menu.disableProperty().bind(vm.busyProperty().or(vm.sessionProperty().isNull()));
    vm.accounts().addListener((ListChangeListener<AccountProfile>) c -> paintMenu());
    vm.sessionProperty().addListener((o, was, now) -> paintMenu());
    vm.busyProperty().addListener((o, was, now) -> paintMenu());
    vm.busyTextProperty().addListener((o, was, now) -> paintMenu());
    paintMenu();

    banner.setId("account-banner");
    banner.getStyleClass().addAll("sandbox-banner", "account-banner");
    banner.getStylesheets().add(STYLESHEET);
    banner.setAlignment(Pos.CENTER_LEFT);
    vm.bannerProperty().addListener((o, was, now) -> paintBanner());
    vm.sessionProperty().addListener((o, was, now) -> paintBanner());
    vm.busyProperty().addListener((o, was, now) -> paintBanner());
    paintBanner();
  }

  /** The account menu for the top right of the window. */
  public MenuButton menuButton() {
    return menu;
  }

  /** The banner under the menu bar; hidden (and not managed) when there is nothing to say. */
  public Node banner() {
    return banner;
  }

  // ---- flows --------------------------------------------------------------------------------

  /** "Connect account…": the sign-in dialog; on success the window switches to the account. */
  public void connect() {
    Window owner = owner();
    if (vm.busyProperty().get() || !mayLeave(owner, "connect another account")) {
      return;
    }
    showSignIn(owner, vm.newSignIn());
  }

  /** The sign-in dialog prepared to enter the keys of a known account again. */
  public void enterKeys(OpenOutcome.NeedsKeys needsKeys) {
    Window owner = owner();
    if (vm.busyProperty().get() || !mayLeave(owner, "open " + needsKeys.profile().displayName())) {
      return;
    }
    showSignIn(owner, vm.newSignIn(needsKeys));
  }

  private void showSignIn(Window owner, SignInViewModel signIn) {
    SignInDialog dialog = new SignInDialog(owner, signIn);
    Optional<AccountProfile> connected = dialog.showAndWait();
    if (connected.isPresent() && signIn.connectedSessionProperty().get() != null) {
      vm.connected(signIn.connectedSessionProperty().get());
    }
  }

  /** Opens another account; asks for its keys if they are missing. */
  public void switchTo(AccountProfile profile) {
    Window owner = owner();
    if (vm.isOpen(profile.id()) || !mayLeave(owner, "switch to " + profile.displayName())) {
      paintMenu(); // the radio item the user clicked must not look chosen
      return;
    }
    vm.switchTo(profile.id())
        .thenAccept(
            outcome -> {
              if (outcome instanceof OpenOutcome.NeedsKeys needsKeys) {
                showSignIn(owner(), vm.newSignIn(needsKeys));
              }
            });
  }

  /** Asks, then signs out of the account (its keystore entry is deleted). */
  public void signOut(AccountProfile profile) {
    Window owner = owner();
    if (vm.isOpen(profile.id()) && !mayLeave(owner, "sign out of " + profile.displayName())) {
      return;
    }
    String name = profile.displayName();
    Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
    Dialogs.adopt(confirm, owner);
    confirm.setTitle("Sign out");
    confirm.setHeaderText("Sign out of " + name + "?");
    confirm.setContentText(
        "RouteDesk deletes the API keys of "
            + name
            + " ("
            + AccountsViewModel.kindOf(profile)
            + ") from this computer and forgets the account. Nothing changes at Flowroute: your"
            + " routes and numbers stay as they are. To use the account here again, you will need"
            + " its API keys.");
    ButtonType signOut = new ButtonType("Sign out", ButtonBar.ButtonData.OK_DONE);
    ButtonType keep = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);
    confirm.getButtonTypes().setAll(signOut, keep);
    Button signOutButton = (Button) confirm.getDialogPane().lookupButton(signOut);
    signOutButton.getStyleClass().add(Styles.DANGER);
    signOutButton.setId("confirm-sign-out");
    signOutButton.setAccessibleText("Sign out of " + name + " and delete its keys");
    // A destructive choice is never the default: Enter cancels.
    signOutButton.setDefaultButton(false);
    ((Button) confirm.getDialogPane().lookupButton(keep)).setDefaultButton(true);
    if (confirm.showAndWait().orElse(keep) == signOut) {
      vm.signOut(profile.id());
    }
  }

  /**
   * Leaving the open account closes its connection, which stops changes still being sent: ask first
   * when there are any.
   */
  private boolean mayLeave(Window owner, String action) {
    String work = workInProgress.get();
    if (work == null || work.isBlank()) {
      return true;
    }
    Alert ask = new Alert(Alert.AlertType.WARNING);
    Dialogs.adopt(ask, owner);
    ask.setTitle("Changes still being sent");
    ask.setHeaderText("Changes are still being sent to Flowroute");
    ask.setContentText(
        work
            + " If you "
            + action
            + " now, the rest is not sent: numbers not changed yet keep their current routes.");
    ButtonType leave = new ButtonType("Stop them and continue", ButtonBar.ButtonData.OK_DONE);
    ButtonType stay = new ButtonType("Keep working", ButtonBar.ButtonData.CANCEL_CLOSE);
    ask.getButtonTypes().setAll(leave, stay);
    ((Button) ask.getDialogPane().lookupButton(leave)).setDefaultButton(false);
    ((Button) ask.getDialogPane().lookupButton(stay)).setDefaultButton(true);
    return ask.showAndWait().orElse(stay) == leave;
  }

  private Window owner() {
    for (Node n : new Node[] {menu, banner}) {
      if (n.getScene() != null && n.getScene().getWindow() != null) {
        return n.getScene().getWindow();
      }
    }
    return null;
  }

  // ---- painting -----------------------------------------------------------------------------

  private void paintMenu() {
    AccountProfile current = vm.current();
    if (vm.busyProperty().get()) {
      ProgressIndicator spinner = new ProgressIndicator();
      spinner.getStyleClass().add("account-menu-spinner");
      spinner.setPrefSize(14, 14);
      spinner.setMaxSize(14, 14);
      Label doing = new Label(vm.busyTextProperty().get());
      doing.getStyleClass().add("account-menu-name");
      menu.setGraphic(row(spinner, doing));
      menu.setAccessibleText(vm.busyTextProperty().get());
      menu.setTooltip(null);
    } else if (current == null) {
      Label none = new Label("No account open");
      none.getStyleClass().add("account-menu-name");
      menu.setGraphic(row(icon(Material2AL.ACCOUNT_CIRCLE), none));
      menu.setAccessibleText("No account is open");
      menu.setTooltip(null);
    } else {
      Label name = new Label(AccountsViewModel.nameOf(current));
      name.getStyleClass().add("account-menu-name");
      name.setId("account-menu-name");
      Label kind = new Label(AccountsViewModel.kindOf(current));
      kind.getStyleClass().addAll("account-menu-kind", Styles.TEXT_MUTED);
      kind.setId("account-menu-kind");
      menu.setGraphic(row(icon(iconOf(current)), name, kind));
      menu.setAccessibleText(
          "Account: "
              + AccountsViewModel.describe(current)
              + ". Switch accounts, connect another or sign out.");
      menu.setTooltip(new Tooltip("Switch accounts, connect another one, or sign out"));
    }

    menu.getItems().clear();
    ToggleGroup group = new ToggleGroup();
    for (AccountProfile p : vm.accounts()) {
      RadioMenuItem item = new RadioMenuItem(AccountsViewModel.describe(p), icon(iconOf(p)));
      item.setId("account-item-" + p.id());
      item.setMnemonicParsing(false);
      item.setToggleGroup(group);
      item.setSelected(vm.isOpen(p.id()));
      item.setOnAction(e -> switchTo(p));
      menu.getItems().add(item);
    }
    menu.getItems().add(new SeparatorMenuItem());
    boolean onlySandbox = vm.accounts().stream().allMatch(AccountProfile::isSandbox);
    MenuItem connect =
        new MenuItem(
            onlySandbox ? "Connect a Flowroute account…" : "Connect another account…",
            icon(Material2MZ.PERSON_ADD));
    connect.setId("connect-another");
    connect.setOnAction(e -> connect());
    menu.getItems().add(connect);
    if (current != null && !current.isSandbox()) {
      MenuItem signOut =
          new MenuItem("Sign out of " + current.displayName() + "…", icon(Material2AL.LOG_OUT));
      signOut.setId("sign-out");
      signOut.setMnemonicParsing(false);
      signOut.setOnAction(e -> signOut(current));
      menu.getItems().add(signOut);
    }
  }

  private void paintBanner() {
    AccountsViewModel.Banner b = vm.bannerProperty().get();
    boolean shown = b.kind() != AccountsViewModel.BannerKind.NONE;
    banner.setVisible(shown);
    banner.setManaged(shown);
    for (AccountsViewModel.BannerKind k : AccountsViewModel.BannerKind.values()) {
      banner.pseudoClassStateChanged(pseudoClass(k), k == b.kind());
    }
    if (!shown) {
      banner.getChildren().clear();
      return;
    }
    FontIcon mark = icon(bannerIcon(b.kind()));
    mark.getStyleClass().add("account-banner-icon");
    Label title = new Label(b.title());
    title.setId("account-banner-title");
    title.getStyleClass().add("account-banner-title");
    title.setWrapText(true);
    Label message = new Label(b.message());
    message.setId("account-banner-message");
    message.getStyleClass().add("account-banner-message");
    message.setWrapText(true);
    message.setMinHeight(Region.USE_PREF_SIZE);
    VBox text = new VBox(2, title, message);
    text.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(text, Priority.ALWAYS);
    banner.setAccessibleText(b.title() + ". " + b.message());
    banner.getChildren().setAll(mark, text);

    boolean idle = !vm.busyProperty().get();
    switch (b.kind()) {
      case SANDBOX -> {
        Button connect = actionButton("Connect account…", Icons.CONNECT, "connect-account");
        connect.setAccessibleText("Connect your Flowroute account");
        connect.setOnAction(e -> connect());
        connect.setDisable(!idle);
        banner.getChildren().add(connect);
      }
      case NEEDS_KEYS -> {
        Button enter = actionButton("Enter keys…", Material2MZ.VPN_KEY, "enter-keys");
        enter.setAccessibleText("Enter the keys of " + b.needsKeys().profile().displayName());
        enter.setOnAction(e -> enterKeys(b.needsKeys()));
        enter.setDisable(!idle);
        banner.getChildren().add(enter);
      }
      case PROBLEM -> {
        if (vm.session() == null) {
          Button connect = actionButton("Connect account…", Icons.CONNECT, "connect-account");
          connect.setAccessibleText("Connect your Flowroute account");
          connect.setOnAction(e -> connect());
          connect.setDisable(!idle);
          banner.getChildren().add(connect);
        }
      }
      default -> {}
    }
    if (b.dismissible()) {
      Button close = new Button(null, icon(Icons.CLOSE));
      close.setId("dismiss-banner");
      close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
      close.setAccessibleText("Close this notice");
      close.setTooltip(new Tooltip("Close this notice"));
      close.setOnAction(e -> vm.dismissBanner());
      banner.getChildren().add(close);
    }
  }

  private static Button actionButton(String text, Ikon ikon, String id) {
    Button b = new Button(text, icon(ikon));
    b.setId(id);
    b.getStyleClass().add(Styles.ACCENT);
    b.setMinWidth(Region.USE_PREF_SIZE);
    return b;
  }

  private static Ikon bannerIcon(AccountsViewModel.BannerKind kind) {
    return switch (kind) {
      case SANDBOX -> Icons.SANDBOX;
      case NEEDS_KEYS -> Material2MZ.VPN_KEY;
      case SESSION_ONLY -> Material2MZ.MEMORY;
      case PROBLEM -> Icons.WARNING;
      case NONE -> Icons.INFO;
    };
  }

  private static PseudoClass pseudoClass(AccountsViewModel.BannerKind kind) {
    return PseudoClass.getPseudoClass(kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
  }

  private static Ikon iconOf(AccountProfile p) {
    return p.isSandbox() ? Icons.SANDBOX : Material2AL.ACCOUNT_CIRCLE;
  }

  private static HBox row(Node... children) {
    HBox box = new HBox(8, children);
    box.setAlignment(Pos.CENTER_LEFT);
    return box;
  }

  private static FontIcon icon(Ikon ikon) {
    return new FontIcon(ikon);
  }
}
