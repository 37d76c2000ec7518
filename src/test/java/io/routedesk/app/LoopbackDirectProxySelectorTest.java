package io.routedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackDirectProxySelectorTest {
  private static final Proxy OFFICE_PROXY =
      new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.example.com", 3128));

  /** Like the JDK's system-proxy selector on Windows: every host goes to the office proxy. */
  private static final class EverythingThroughTheProxy extends ProxySelector {
    final List<URI> asked = new ArrayList<>();
    final List<URI> failures = new ArrayList<>();

    @Override
    public List<Proxy> select(URI uri) {
      asked.add(uri);
      return List.of(OFFICE_PROXY);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
      failures.add(uri);
    }
  }

  private final EverythingThroughTheProxy system = new EverythingThroughTheProxy();
  private final LoopbackDirectProxySelector selector = new LoopbackDirectProxySelector(system);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080/v2/numbers",
        "http://127.10.20.30/",
        "http://[::1]:9000/",
        "http://[0:0:0:0:0:0:0:1]/",
        "http://localhost:8080/",
        "http://LocalHost/",
        "http://api.localhost/",
        "https://localhost./",
      })
  void loopbackGoesDirectWithoutAskingTheSystem(String url) {
    assertThat(selector.select(URI.create(url))).containsExactly(Proxy.NO_PROXY);
    assertThat(system.asked).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://api.flowroute.com/v2/numbers",
        "http://128.0.0.1/",
        "http://10.0.0.1/",
        "http://[::2]/",
        "http://localhost.example.com/",
        "http://my-localhost/",
        "http://127.0.0.1.example.com/",
      })
  void otherHostsAreLeftToTheSystem(String url) {
    URI uri = URI.create(url);
    assertThat(selector.select(uri)).containsExactly(OFFICE_PROXY);
    assertThat(system.asked).containsExactly(uri);
  }

  @Test
  void ipv4MappedLoopbackCounts() {
    assertThat(LoopbackDirectProxySelector.isLoopback("::ffff:127.0.0.1")).isTrue();
    assertThat(LoopbackDirectProxySelector.isLoopback("::ffff:8.8.8.8")).isFalse();
  }

  @Test
  void noHostIsNotLoopback() {
    assertThat(LoopbackDirectProxySelector.isLoopback(null)).isFalse();
    assertThat(LoopbackDirectProxySelector.isLoopback(" ")).isFalse();
  }

  @Test
  void failedLoopbackConnectionsAreNotReportedToTheSystemSelector() {
    IOException refused = new IOException("refused");
    selector.connectFailed(URI.create("http://127.0.0.1:1/"), null, refused);
    URI remote = URI.create("https://api.flowroute.com/");
    selector.connectFailed(remote, null, refused);
    assertThat(system.failures).containsExactly(remote);
  }

  @Test
  void withoutASystemSelectorEverythingGoesDirect() {
    LoopbackDirectProxySelector alone = new LoopbackDirectProxySelector(null);
    assertThat(alone.select(URI.create("https://api.flowroute.com/")))
        .containsExactly(Proxy.NO_PROXY);
  }
}
