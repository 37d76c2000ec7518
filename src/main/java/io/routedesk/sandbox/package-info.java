/**
 * An embedded Flowroute Numbers API v2 simulator over real HTTP on 127.0.0.1 (see
 * docs/flowroute-api.md §8 for the endpoint table it follows, and there the switch for each
 * uncertain point).
 *
 * <h2>Entry points</h2>
 *
 * <ul>
 *   <li>{@link io.routedesk.sandbox.FlowrouteSandbox}: start ({@code builder()...start()}), base
 *       URL, keys ({@code DEMO_ACCESS_KEY}/{@code DEMO_SECRET_KEY}), {@code account()}, {@code
 *       faults()}, {@code options()}, {@code requests()}, {@code close()}.
 *   <li>{@link io.routedesk.sandbox.SandboxAccount}: the state, to assert on or set up directly.
 *   <li>{@link io.routedesk.sandbox.Faults}: latency, jitter, 429 token buckets, 500/503, dropped
 *       connections, drop after commit, slow bodies; random (seeded) or scripted per endpoint.
 *   <li>{@link io.routedesk.sandbox.DemoSeed}: small (25 numbers, 8 routes), large (10,000 / 1,000)
 *       or any size; same seed, same account.
 *   <li>{@link io.routedesk.sandbox.SandboxMain}: {@code routedesk sandbox [options]}.
 * </ul>
 *
 * <h2>Choices where Flowroute's documentation is silent (defaults; alternatives in SandboxOptions)
 * </h2>
 *
 * <ul>
 *   <li>Request bodies: application/vnd.api+json or application/json, any UTF-8 charset; none is
 *       accepted (STRICT: 415); any other type is 415. Responses: application/vnd.api+json.
 *   <li>Paging: limit 1..200, default 10; above 200 is 400 (CLAMP: served as 200); negative, zero
 *       or non-numeric limit/offset is 400. An offset past the end is an empty page.
 *   <li>Listing order: route "0" first, then ascending id; numbers ascending.
 *   <li>POST /v2/routes: missing or malformed {@code data} is 400; missing or invalid fields, an
 *       unknown route_type, sip-reg, or an unknown edge_strategy_id is 422 with a detail naming the
 *       field; a duplicate alias is 403 (switchable). Ids continue one account-wide sequence.
 *   <li>PATCH/DELETE /v2/routes/0 is 403; an unknown route id is 404 "Invalid Route Id". GET
 *       /v2/routes/{id} is 405 unless enabled.
 *   <li>Relationship PATCH naming an unknown route is 404 (switchable to 422); an unknown number is
 *       404; the body's id may be a string or a JSON integer; a missing Content-Type is accepted.
 *   <li>DELETE of a primary relationship leaves it null (switchable: back to "0"); failover becomes
 *       null. Number details include a route used as both primary and failover once (switchable).
 *   <li>POST /v2/numbers/details (documented for v2.1 only) is answered: {@code {"numbers": ["+1…",
 *       …]}} gives {@code data} as a list of number records with the v2.1 relationship names {@code
 *       voice_primary_route}/{@code voice_failover_route} and no {@code included}; numbers not on
 *       the account are left out; more than 100 numbers is 413 (the maximum is switchable).
 *       Switchable to 405 (off, the v2.0 API), 404, or the v2 names {@code primary_route}/{@code
 *       failover_route}.
 *   <li>Authentication is checked before routing (an unknown path without credentials is 401); 429
 *       comes after authentication and has no Retry-After unless enabled.
 * </ul>
 *
 * <p>A note for clients: java.net.http retries a GET once, silently, when the connection closes
 * before any response byte; it never retries POST, PATCH or DELETE. A single scripted drop on a GET
 * is therefore invisible to it.
 */
package io.routedesk.sandbox;
