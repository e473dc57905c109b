package io.guestgateway.tls;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A CXone-like token endpoint over TLS on a free 127.0.0.1 port, presenting the given key store's
 * certificate. It records every request body it got past the handshake.
 */
final class LoopbackHttpsServer implements AutoCloseable {

    static final String TOKEN = "tls-test-token";

    private final HttpsServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();

    LoopbackHttpsServer(Path keyStore) throws IOException, GeneralSecurityException {
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(TestPki.serverContext(keyStore)));
        server.createContext("/oauth/v2/token", this::token);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The base URL under a host name the client will check against the certificate. */
    String base(String host) {
        return "https://" + host + ":" + port();
    }

    private void token(HttpExchange exchange) throws IOException {
        requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        byte[] body = ("{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
