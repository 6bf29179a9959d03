package org.openledger.devnet.rpc.server.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The baseline: raw sockets that read an HTTP/1.1 request and answer its body back with a fixed
 * status line, one virtual thread per connection. What is left is the floor a request costs here
 * (syscalls, loopback TCP, two processes on two cores) with no HTTP framework and no JSON.
 */
final class EchoServer implements AutoCloseable {
  private final ServerSocket listener;
  private final Thread acceptor;

  EchoServer() throws IOException {
    listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    acceptor = Thread.ofPlatform().daemon().start(this::accept);
  }

  int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        Thread.ofVirtual().start(() -> serve(socket));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
      OutputStream out = socket.getOutputStream();
      while (true) {
        int length = readRequestHead(in);
        if (length < 0) {
          return;
        }
        byte[] body = in.readNBytes(length);
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] response = new byte[head.length + body.length];
        System.arraycopy(head, 0, response, 0, head.length);
        System.arraycopy(body, 0, response, head.length, body.length);
        out.write(response);
        out.flush();
      }
    } catch (IOException e) {
      // client gone
    }
  }

  /** The request's Content-Length, or -1 at end of stream. */
  private static int readRequestHead(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int length = 0;
    boolean first = true;
    while (true) {
      line.setLength(0);
      int b;
      while ((b = in.read()) != '\n') {
        if (b < 0) {
          return -1;
        }
        if (b != '\r') {
          line.append((char) b);
        }
      }
      if (line.isEmpty() && !first) {
        return length;
      }
      first = false;
      if (line.length() > 15 && line.substring(0, 15).equalsIgnoreCase("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    acceptor.interrupt();
  }
}
