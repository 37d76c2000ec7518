package io.routedesk.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded Flowroute Numbers API v2 simulator over real HTTP on 127.0.0.1: the app's default
 * account (a new user explores it without a Flowroute account), the target of every test, and the
 * place where faults are injected.
 *
 * <pre>{@code
 * try (FlowrouteSandbox sandbox = FlowrouteSandbox.builder().seed(DemoSeed.small()).start()) {
 *   client = new SomeFlowrouteClient(sandbox.baseUri(), sandbox.accessKey(), sandbox.secretKey());
 *   sandbox.faults().failNext(Endpoint.CREATE_ROUTE, FaultType.DROP_AFTER_COMMIT);
 *   ...
 *   assertThat(sandbox.requests().routePostsReceived()).isEqualTo(1);
 *   assertThat(sandbox.account().routes()).hasSize(10);
 * }
 * }</pre>
 *
 * Requests run on virtual threads. The server's dispatcher thread is not a daemon: {@link #close()}
 * it, or the JVM keeps running.
 */
public final class FlowrouteSandbox implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FlowrouteSandbox.class);

  /**
   * The fixed access key of the embedded demo account; not a secret (it opens only the sandbox).
   */
  public static final String DEMO_ACCESS_KEY = "sandbox";

  /**
   * The fixed secret key of the embedded demo account; not a secret (it opens only the sandbox).
   */
  public static final String DEMO_SECRET_KEY = "sandbox-demo-secret";

  /** The JDK HTTP server's switch for TCP_NODELAY on the connections it accepts. */
  static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

  static {
    // The JDK's HTTP server sends an answer's headers, then its body, in two writes. Without
    // TCP_NODELAY, a body that ends in a part-filled segment waits for the client to acknowledge
    // the headers, and Linux delays that acknowledgement up to 40 ms: about 40 ms added to each
    // answer of a few KB or more in a row on one connection (30 pages of numbers one after the
    // other: 1.4 s instead of 0.2 s), on top of the latency the sandbox is asked to simulate.
    // Flowroute's servers answer without that stall. The server reads the property once, when the
    // first server of this JVM starts; an explicit setting is left alone.
    if (System.getProperty(NO_DELAY_PROPERTY) == null) {
      System.setProperty(NO_DELAY_PROPERTY, "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final SandboxAccount account;
  private final Faults faults;
  private final SandboxOptions options;
  private final RequestStats requests;
  private final String accessKey;
  private final String secretKey;
  private final String baseUrl;
  private volatile boolean running;

  private FlowrouteSandbox(Builder b) throws IOException {
    this.account = b.account != null ? b.account : SandboxAccount.seeded(b.seed);
    this.faults = b.faults != null ? b.faults : new Faults(b.seed.seed());
    this.options = b.options != null ? b.options : new SandboxOptions();
    this.requests = new RequestStats();
    this.accessKey = b.accessKey;
    this.secretKey = b.secretKey;
    SandboxHandler handler =
        new SandboxHandler(account, faults, options, requests, accessKey, secretKey);
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 256);
    this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    handler.base(baseUrl);
    server.createContext("/", handler);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.start();
    running = true;
    log.info(
        "Flowroute sandbox listening on {} ({} numbers, {} routes)",
        baseUrl,
        account.numberCount(),
        account.routeCount());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The small demo account on a free port with the demo keys. */
  public static FlowrouteSandbox start() throws IOException {
    return builder().start();
  }

  /** "http://127.0.0.1:PORT", no trailing slash; API paths start with /v2. */
  public String baseUrl() {
    return baseUrl;
  }

  public URI baseUri() {
    return URI.create(baseUrl);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String accessKey() {
    return accessKey;
  }

  /** The secret this sandbox accepts (the demo secret unless the builder set another). */
  public String secretKey() {
    return secretKey;
  }

  /** The account's state: read it to assert, or set it up directly. */
  public SandboxAccount account() {
    return account;
  }

  /** Faults, changeable while the sandbox runs. */
  public Faults faults() {
    return faults;
  }

  /** Behaviour switches for undocumented corners, changeable while the sandbox runs. */
  public SandboxOptions options() {
    return options;
  }

  /** Request counts per endpoint and the recent-request log. */
  public RequestStats requests() {
    return requests;
  }

  public boolean isRunning() {
    return running;
  }

  /** Stops at once: open connections are closed, and requests waiting on latency are dropped. */
  @Override
  public void close() {
    if (!running) {
      return;
    }
    running = false;
    server.stop(0);
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("Sandbox request threads still running 5 s after stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("Flowroute sandbox on {} stopped", baseUrl);
  }

  /**
   * Configures a sandbox; every setting has a default (small demo account, demo keys, any port).
   */
  public static final class Builder {
    private int port;
    private String accessKey = DEMO_ACCESS_KEY;
    private String secretKey = DEMO_SECRET_KEY;
    private DemoSeed seed = DemoSeed.small();
    private SandboxAccount account;
    private Faults faults;
    private SandboxOptions options;

    private Builder() {}

    /** The port on 127.0.0.1; 0 (default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be from 0 to 65535: " + port);
      }
      this.port = port;
      return this;
    }

    public Builder accessKey(String accessKey) {
      this.accessKey = requireKey(accessKey, "access key");
      if (accessKey.contains(":")) {
        // Basic auth splits user and password at the first colon.
        throw new IllegalArgumentException("access key must not contain a colon");
      }
      return this;
    }

    public Builder secretKey(String secretKey) {
      this.secretKey = requireKey(secretKey, "secret key");
      return this;
    }

    /** The demo account to build (default {@link DemoSeed#small()}); also seeds the faults. */
    public Builder seed(DemoSeed seed) {
      this.seed = Objects.requireNonNull(seed, "seed");
      return this;
    }

    /** A prepared account instead of a seeded one. */
    public Builder account(SandboxAccount account) {
      this.account = Objects.requireNonNull(account, "account");
      return this;
    }

    public Builder faults(Faults faults) {
      this.faults = Objects.requireNonNull(faults, "faults");
      return this;
    }

    public Builder options(SandboxOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Binds the port and starts serving. */
    public FlowrouteSandbox start() throws IOException {
      return new FlowrouteSandbox(this);
    }

    private static String requireKey(String key, String what) {
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
      return key;
    }
  }
}
