package io.routedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.Draft;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.RouteType;
import io.routedesk.secrets.InMemoryCredentialStore;
import io.routedesk.store.AppDirs;
import io.routedesk.store.LocalStore;
import io.routedesk.ui.model.RouteRow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Each account has its own local data: a draft saved while one account is open stays with it when
 * another account opens, and is there again when the first one comes back.
 */
class AccountDraftsWindowTest extends AccountWindowTestBase {

  private boolean showsDraft(String alias) {
    return host.current() != null
        && host.current().account.routes().stream()
            .anyMatch(r -> r.isDraft() && alias.equals(r.label()));
  }

  @Test
  void aDraftStaysWithTheAccountItWasSavedIn() throws Exception {
    AccountsWiring wiring = wiring(InMemoryCredentialStore.working());
    String id = signInDirectly(wiring);
    openWindow(wiring);
    waitForRoutes(OFFICE_ROUTE);

    Draft saved =
        host.current()
            .drafts
            .createDraft(new NewRoute(RouteType.HOST, "branch.acme.example", "acme-branch", null))
            .get(10, TimeUnit.SECONDS);
    waitUntil(() -> showsDraft("acme-branch"), 10);

    chooseFromAccountMenu(SANDBOX_ITEM);
    waitForRoutes(DEMO_ROUTE);
    assertThat(host.current().account.routes()).noneMatch(RouteRow::isDraft);

    chooseFromAccountMenu(OFFICE_ITEM);
    waitForRoutes(OFFICE_ROUTE);
    waitUntil(() -> showsDraft("acme-branch"), 10);
    // It lives in the office account's own database file.
    try (LocalStore office = LocalStore.open(AppDirs.under(root), id)) {
      assertThat(office.listDrafts()).extracting(Draft::id).containsExactly(saved.id());
    }
  }
}
