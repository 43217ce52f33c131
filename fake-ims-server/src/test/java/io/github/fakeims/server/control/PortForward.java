package io.github.fakeims.server.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback port that forwards every connection to the fake's port, as Docker maps a container's port:
 * the fake is reached at an address it did not bind. Counts the bytes clients send through it.
 */
final class PortForward implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicLong bytesSent = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private PortForward(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::accept, "port-forward-accept").start();
    }

    static PortForward to(int targetPort) {
        try {
            return new PortForward(targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The forwarded address, as a client would use a mapped port: {@code http://localhost:<port>}. */
    URI url() {
        return URI.create("http://localhost:" + listener.getLocalPort());
    }

    /** Bytes clients sent through this port so far. */
    long bytesSent() {
        return bytesSent.get();
    }

    private void accept() {
        try {
            while (true) {
                Socket client = listener.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(target);
                daemon(() -> copy(client, target, bytesSent), "port-forward-up").start();
                daemon(() -> copy(target, client, new AtomicLong()), "port-forward-down").start();
            }
        } catch (IOException e) {
            // closed
        }
    }

    private static void copy(Socket from, Socket to, AtomicLong counted) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                counted.addAndGet(read);
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: the copy in the other direction ends too
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
        sockets.forEach(PortForward::closeQuietly);
    }
}
