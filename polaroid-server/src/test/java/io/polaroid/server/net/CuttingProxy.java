package io.polaroid.server.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback that drops connections in the middle of a transfer, as a broken network
 * or a restarted middlebox would: each of the first {@code cuts} connections is closed, both ways,
 * once {@code cutAfterBytes} bytes have gone from the server to the client. Later connections
 * pass untouched.
 */
public final class CuttingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final long cutAfterBytes;
    private final AtomicInteger cutsLeft;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public CuttingProxy(int targetPort, long cutAfterBytes, int cuts) {
        this.targetPort = targetPort;
        this.cutAfterBytes = cutAfterBytes;
        this.cutsLeft = new AtomicInteger(cuts);
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "cutting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(server);
                connections.incrementAndGet();
                long limit = cutsLeft.getAndDecrement() > 0 ? cutAfterBytes : Long.MAX_VALUE;
                pipe(client.getInputStream(), server.getOutputStream(), Long.MAX_VALUE, client, server);
                pipe(server.getInputStream(), client.getOutputStream(), limit, client, server);
            } catch (IOException e) {
                if (!closed) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private static void pipe(InputStream in, OutputStream out, long limit, Socket a, Socket b) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            long sent = 0;
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    int allowed = (int) Math.min(n, limit - sent);
                    out.write(buffer, 0, allowed);
                    out.flush();
                    sent += allowed;
                    if (sent >= limit) {
                        break;
                    }
                }
            } catch (IOException connectionGone) {
                // the other side closed
            } finally {
                closeQuietly(a);
                closeQuietly(b);
            }
        }, "cutting-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        open.forEach(CuttingProxy::closeQuietly);
    }
}
