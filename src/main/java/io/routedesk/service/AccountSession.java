package io.routedesk.service;

import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.store.AccountProfile;
import java.util.Objects;
import java.util.Optional;

/**
 * An open account: its profile and a ready client. The {@link SignInService} owns the client and
 * closes it when another account is opened, on sign-out and on close; users of the session must not
 * close it themselves.
 *
 * @param keys where the keys of this account are kept
 * @param notice something to tell the user about this session (keys kept for this session only, and
 *     why); empty when there is nothing to say
 */
public record AccountSession(
    AccountProfile profile, FlowrouteClient client, KeyLocation keys, Optional<String> notice) {
  public AccountSession {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(notice, "notice");
  }
}
