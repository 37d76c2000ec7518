package io.routedesk.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Sends connections to this computer (127.0.0.0/8, ::1, localhost) past any proxy, and asks the
 * wrapped selector about every other host.
 *
 * <p>Why: the installed app runs with {@code java.net.useSystemProxies=true} so that it reaches
 * Flowroute through an office proxy. The JDK then follows the OS's proxy bypass list, and on
 * Windows the {@code <local>} entry only matches names without a dot, so {@code 127.0.0.1} (the
 * built-in sandbox) would go to the proxy, which cannot reach it. No host name is looked up here:
 * only literal addresses and the {@code localhost} names count as loopback.
 */
final class LoopbackDirectProxySelector extends ProxySelector {
  private static final List<Proxy> DIRECT = List.of(Proxy.NO_PROXY);

  private final ProxySelector delegate;

  LoopbackDirectProxySelector(ProxySelector delegate) {
    this.delegate = delegate;
  }

  /** Wraps the JVM's default selector (if any) and installs the wrapper as the default. */
  static void install() {
    ProxySelector current = ProxySelector.getDefault();
    if (!(current instanceof LoopbackDirectProxySelector)) {
      ProxySelector.setDefault(new LoopbackDirectProxySelector(current));
    }
  }

  @Override
  public List<Proxy> select(URI uri) {
    Objects.requireNonNull(uri, "uri");
    if (isLoopback(uri.getHost()) || delegate == null) {
      return DIRECT;
    }
    return delegate.select(uri);
  }

  @Override
  public void connectFailed(URI uri, SocketAddress address, IOException failure) {
    if (delegate != null && !isLoopback(uri.getHost())) {
      delegate.connectFailed(uri, address, failure);
    }
  }

  /**
   * Whether {@code host} (as in a URI: IPv6 literals may be in brackets) names this computer: an
   * address in 127.0.0.0/8, {@code ::1} (also IPv4-mapped), {@code localhost} or a name under
   * {@code .localhost} (RFC 6761). Null or blank is not loopback.
   */
  static boolean isLoopback(String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    String name = host.strip().toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1); // "localhost." is the same fully qualified name
    }
    if (name.equals("localhost") || name.endsWith(".localhost")) {
      return true;
    }
    try {
      // Parses literals only: never a DNS look-up.
      return InetAddress.ofLiteral(name).isLoopbackAddress();
    } catch (IllegalArgumentException notALiteral) {
      return false;
    }
  }
}
