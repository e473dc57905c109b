package io.guestgateway.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * TLS in front of a plain-HTTP server on loopback (the sandbox): it listens on a free 127.0.0.1
 * port, ends TLS with the certificate it is told to present and passes the bytes on. So the real
 * sandbox answers the gateway's https calls, and a test can change the certificate the gateway
 * sees. Changing it closes every open connection, so pooled clients shake hands again.
 */
final class TlsFront implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(run -> {
        Thread thread = new Thread(run, "tls-front");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private SSLContext context;
    private Path presented;

    TlsFront(Path keyStore, int targetPort) throws IOException, GeneralSecurityException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        present(keyStore);
        threads.execute(this::accept);
    }

    /** The base URL under a host name the client will check against the certificate. */
    String base(String host) {
        return "https://" + host + ":" + server.getLocalPort();
    }

    /**
     * From now on, every connection gets this key store's certificate; when it is a different one,
     * open connections are closed (a pooled client may then see one failed call before it connects
     * again).
     */
    synchronized void present(Path keyStore) throws IOException, GeneralSecurityException {
        if (keyStore.equals(presented)) {
            return;
        }
        context = TestPki.serverContext(keyStore);
        presented = keyStore;
        open.forEach(TlsFront::closeQuietly);
        open.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket raw = server.accept();
                threads.execute(() -> serve(raw));
            } catch (IOException e) {
                return;  // closed
            }
        }
    }

    private void serve(Socket raw) {
        SSLSocket tls;
        synchronized (this) {
            try {
                tls = (SSLSocket) context.getSocketFactory().createSocket(raw, null, raw.getPort(), true);
            } catch (IOException e) {
                closeQuietly(raw);
                return;
            }
            tls.setUseClientMode(false);
            open.add(tls);
        }
        Socket backend = null;
        try {
            tls.setSoTimeout(10_000);
            tls.startHandshake();  // a client that refuses the certificate ends it here
            tls.setSoTimeout(0);
            backend = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            open.add(backend);
            Socket toBackend = backend;
            threads.execute(() -> pump(toBackend, tls));
            pump(tls, backend);
        } catch (IOException e) {
            // refused handshake, or closed by present()
        } finally {
            closeQuietly(tls);
            open.remove(tls);
            if (backend != null) {
                closeQuietly(backend);
                open.remove(backend);
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // the other direction or present() closed it
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        open.forEach(TlsFront::closeQuietly);
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }
}
