package io.routedesk.flowroute;

/**
 * Response bodies as Flowroute's documentation and SDK READMEs show them; § numbers and the source
 * tags in brackets are those of docs/flowroute-api.md.
 */
final class FlowrouteDocExamples {
  private FlowrouteDocExamples() {}

  /** §2.2 GET /v2/routes?limit=2 [PY-README]: next points at api.flowroute.com. */
  static final String LIST_ROUTES =
      """
      {
        "data": [
          {"attributes": {"route_type": "sip-reg", "alias": "sip-reg", "value": null},
           "type": "route", "id": "0", "links": {"self": "https://api.flowroute.com/v2/routes/0"}},
          {"attributes": {"route_type": "number", "alias": "PSTNroute1", "value": "12065551212"},
           "type": "route", "id": "83834", "links": {"self": "https://api.flowroute.com/v2/routes/83834"}}
        ],
        "links": {
          "self": "https://api.flowroute.com/v2/routes?limit=2&offset=0",
          "next": "https://api.flowroute.com/v2/routes?limit=2&offset=2"
        }
      }
      """;

  /** §2.3 POST /v2/routes request body (constructed in the doc from D-CR's field list). */
  static final String CREATE_ROUTE_REQUEST =
      """
      {"data": {"type": "route",
                "attributes": {"route_type": "host", "value": "24.239.23.40:5060",
                               "alias": "new_route_5000", "edge_strategy_id": 1}}}
      """;

  /** §2.3 201 Created [SPEC; PY-README; NET README]: self links without /v2. */
  static final String CREATE_ROUTE_201 =
      """
      {
        "data": {"attributes": {"alias": "new route", "route_type": "host", "value": "il775u.sonsofodin.com"},
                 "id": "98396", "links": {"self": "https://api.flowroute.com/routes/98396"}, "type": "route"},
        "links": {"self": "https://api.flowroute.com/routes/98396"}
      }
      """;

  /** §2.7 GET /v2/routes/edge_strategies [D-ES]: numeric id; the second element abbreviated. */
  static final String EDGE_STRATEGIES =
      """
      {"data": [
        {"attributes": {"description": "Data will be sent preferentially from our edge systems in North Virginia. We will fall back to other regions if necessary.",
                        "firewall_rules": "34.226.36.32/28, 34.226.36.32-34.226.36.47",
                        "name": "US-East-VA", "naptr": "us-east-va.sip.flowroute.com"},
         "id": 4, "type": "edge_strategy"},
        {"attributes": {"description": "Data will be sent preferentially from our edge systems in Oregon. …"}, "...": "..."}
      ]}
      """;

  /** §3.2 GET /v2/numbers?starts_with=201&limit=3 [PY-README]. */
  static final String LIST_NUMBERS =
      """
      {
        "data": [
          {"attributes": {"rate_center": "oradell", "value": "12012673227", "alias": null, "state": "nj",
                          "number_type": "standard", "cnam_lookups_enabled": true},
           "type": "number", "id": "12012673227",
           "links": {"self": "https://api.flowroute.com/v2/numbers/12012673227"}}
        ],
        "links": {"self": "https://api.flowroute.com/v2/numbers?starts_with=1201&limit=3&offset=0"}
      }
      """;

  /** §3.3 GET /v2/numbers/16502390214 [PY-README]: number on the default route, with included. */
  static final String NUMBER_DETAILS =
      """
      {
        "data": {
          "attributes": {"rate_center": "millbrae", "value": "16502390214", "alias": null, "state": "ca",
                         "number_type": "standard", "cnam_lookups_enabled": true},
          "relationships": {"cnam_preset": {"data": null}, "e911_address": {"data": null},
                            "failover_route": {"data": null},
                            "primary_route": {"data": {"type": "route", "id": "0"}}},
          "type": "number", "id": "16502390214",
          "links": {"self": "https://api.flowroute.com/v2/numbers/16502390214"}
        },
        "included": [
          {"attributes": {"route_type": "sip-reg", "alias": "sip-reg", "value": null},
           "type": "route", "id": "0", "links": {"self": "https://api.flowroute.com/v2/routes/0"}}
        ],
        "links": {"self": "https://api.flowroute.com/v2/numbers/16502390214"}
      }
      """;

  /** §3.4 PATCH relationship body [SPEC; D-PR; PY-README]. */
  static final String RELATIONSHIP_REQUEST =
      """
      {"data": {"type": "route", "id": "83834"}}
      """;

  /** §1.2 / §4 [D-PR, D-RR]. */
  static final String ERROR_401 =
      """
      {"errors":[{"detail":"Authentication failed.","id":"7fc8c70a-ca58-430c-b383-b89df84f8083","status":401,"title":"Unauthorized"}]}
      """;

  /** §3.4 [D-PR]: no id, empty detail. */
  static final String ERROR_403_NOT_AUTHORIZED =
      """
      {"errors":[{"status":403,"detail":"","title":"ActionNotAuthorizedError"}]}
      """;

  /** §2.5 DELETE /v2/routes/{id} while numbers use it [D-DR]. */
  static final String ERROR_403_ROUTE_IN_USE =
      """
      {"errors":[{"detail":"Please disassociate all numbers before deleting.","id":"7fc8c70a-ca58-430c-b383-b89df84f8083","status":403,"title":"This Route has numbers still associated to it."}]}
      """;

  /** §4 (constructed in the doc in the same shape). */
  static final String ERROR_404 =
      """
      {"errors":[{"detail":"Route 999999 not found.","id":"<uuid>","status":404,"title":"Not Found"}]}
      """;
}
