package io.routedesk.sandbox;

import java.util.Objects;

/**
 * Behaviour switches for the places where Flowroute's documentation is silent or contradictory (the
 * uncertain points of docs/flowroute-api.md). The defaults are what a careful client must survive;
 * the alternatives let tests prove the client copes with the other reading too. Thread-safe: each
 * switch can be flipped while the sandbox runs.
 */
public final class SandboxOptions {

  /** How a request body without a Content-Type header is treated. */
  public enum ContentTypePolicy {
    /** Accepted (the Python SDK sends relationship PATCHes with no Content-Type). */
    LENIENT,
    /** 415 Unsupported Media Type. */
    STRICT
  }

  /** What a limit above 200 does. */
  public enum PageSizePolicy {
    /** 400 with a detail naming the maximum. */
    REJECT,
    /** Served as 200, and links echo limit=200. */
    CLAMP
  }

  /** What a number's primary route becomes after DELETE …/relationships/primary_route. */
  public enum PrimaryAfterRemoval {
    /** {@code "primary_route": {"data": null}}. */
    NONE,
    /** Back to the sip-reg route "0", the default of a newly purchased number. */
    SIP_REG
  }

  /** How POST /v2/numbers/details (many numbers' details at once, v2.1 docs only) is answered. */
  public enum MultiNumberDetails {
    /** Answered, with the v2.1 relationship names voice_primary_route / voice_failover_route. */
    ON,
    /** Answered, with the v2 names primary_route / failover_route. */
    V2_NAMING,
    /** 405 Method Not Allowed, like any POST under /v2/numbers/{number}: the v2.0 API. */
    OFF,
    /** 404 Not Found. */
    NOT_FOUND
  }

  private volatile ContentTypePolicy contentTypePolicy = ContentTypePolicy.LENIENT;
  private volatile PageSizePolicy pageSizePolicy = PageSizePolicy.REJECT;
  private volatile PrimaryAfterRemoval primaryAfterRemoval = PrimaryAfterRemoval.NONE;
  private volatile boolean duplicateAliasForbidden = true;
  private volatile int unknownRouteOnAssignStatus = 404;
  private volatile boolean includeSharedRouteTwice;
  private volatile boolean edgeStrategyIdInRoutes = true;
  private volatile boolean legacyCreateSelfLink;
  private volatile boolean singleRouteGet;
  private volatile MultiNumberDetails multiNumberDetails = MultiNumberDetails.ON;
  private volatile int multiNumberDetailsMax = 100;

  public ContentTypePolicy contentTypePolicy() {
    return contentTypePolicy;
  }

  /** Default LENIENT. Other types than JSON (e.g. text/plain) are always refused with 415. */
  public SandboxOptions contentTypePolicy(ContentTypePolicy policy) {
    this.contentTypePolicy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  public PageSizePolicy pageSizePolicy() {
    return pageSizePolicy;
  }

  /** Default REJECT (400). */
  public SandboxOptions pageSizePolicy(PageSizePolicy policy) {
    this.pageSizePolicy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  public PrimaryAfterRemoval primaryAfterRemoval() {
    return primaryAfterRemoval;
  }

  /** Default NONE (null). */
  public SandboxOptions primaryAfterRemoval(PrimaryAfterRemoval value) {
    this.primaryAfterRemoval = Objects.requireNonNull(value, "value");
    return this;
  }

  public boolean duplicateAliasForbidden() {
    return duplicateAliasForbidden;
  }

  /**
   * Default true: creating (or renaming to) an alias another route has is answered 403, as the
   * Python SDK demo warns. False: aliases may repeat.
   */
  public SandboxOptions duplicateAliasForbidden(boolean forbidden) {
    this.duplicateAliasForbidden = forbidden;
    return this;
  }

  public int unknownRouteOnAssignStatus() {
    return unknownRouteOnAssignStatus;
  }

  /**
   * The status of PATCH …/relationships/{primary|failover}_route naming a route that does not
   * exist: 404 (default; the SPEC lists 404 for these calls) or 422.
   */
  public SandboxOptions unknownRouteOnAssignStatus(int status) {
    if (status != 404 && status != 422) {
      throw new IllegalArgumentException("unknown-route status must be 404 or 422: " + status);
    }
    this.unknownRouteOnAssignStatus = status;
    return this;
  }

  public boolean includeSharedRouteTwice() {
    return includeSharedRouteTwice;
  }

  /**
   * Default false: when primary and failover are the same route, number details include it once
   * (JSON:API convention). True: twice.
   */
  public SandboxOptions includeSharedRouteTwice(boolean twice) {
    this.includeSharedRouteTwice = twice;
    return this;
  }

  public boolean edgeStrategyIdInRoutes() {
    return edgeStrategyIdInRoutes;
  }

  /**
   * Default true: route attributes carry {@code edge_strategy_id} (newer docs). False: the older
   * SDK-era shape without it.
   */
  public SandboxOptions edgeStrategyIdInRoutes(boolean present) {
    this.edgeStrategyIdInRoutes = present;
    return this;
  }

  public boolean legacyCreateSelfLink() {
    return legacyCreateSelfLink;
  }

  /**
   * Default false: POST /v2/routes answers self links under /v2/routes/{id}. True: under
   * /routes/{id} without /v2, as the SDK READMEs and the SPEC example show.
   */
  public SandboxOptions legacyCreateSelfLink(boolean legacy) {
    this.legacyCreateSelfLink = legacy;
    return this;
  }

  public boolean singleRouteGet() {
    return singleRouteGet;
  }

  /**
   * Default false: GET /v2/routes/{id} is not documented, so it is answered 405. True: answered
   * with the route (an extension).
   */
  public SandboxOptions singleRouteGet(boolean enabled) {
    this.singleRouteGet = enabled;
    return this;
  }

  public MultiNumberDetails multiNumberDetails() {
    return multiNumberDetails;
  }

  /** Default ON, as Flowroute's v2.1 pages document it. */
  public SandboxOptions multiNumberDetails(MultiNumberDetails mode) {
    this.multiNumberDetails = Objects.requireNonNull(mode, "mode");
    return this;
  }

  public int multiNumberDetailsMax() {
    return multiNumberDetailsMax;
  }

  /**
   * The most numbers one POST /v2/numbers/details accepts; more are answered 413. Default 100
   * (Flowroute documents no maximum).
   */
  public SandboxOptions multiNumberDetailsMax(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("the multi-number details maximum must be at least 1");
    }
    this.multiNumberDetailsMax = max;
    return this;
  }
}
