package io.yielddelta.keeper.app.service;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The JDK's HTTP server as the daemon's endpoints use it: routes by path prefix, one daemon thread, a quick stop. */
public final class HttpEndpoint {

    private HttpEndpoint() {}

    /**
     * Binds and starts a server.
     *
     * @throws IOException if the port cannot be bound
     */
    public static HttpServer serve(String bind, int port, String thread, Map<String, HttpHandler> routes)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        routes.forEach(server::createContext);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, thread);
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return server;
    }

    /** Stops the server and its thread; null does nothing. */
    public static void stop(HttpServer server) {
        if (server != null) {
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
