package org.openledger.devnet.rpc.server.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load generator, run as its own process so that it does not share the server's JIT, heap or
 * scheduler: {@code LoadClient host port seconds connections body}. Each connection is one thread
 * sending a request, waiting for its response, and sending the next (keep-alive, no pipelining).
 * Hand-written HTTP keeps the client's own cost per request far below the server's. Prints
 * {@code ok=N failed=N nanos=N}.
 */
public final class LoadClient {
  private LoadClient() {}

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    long nanos = (long) (Double.parseDouble(args[2]) * 1e9);
    int connections = Integer.parseInt(args[3]);
    byte[] body = args[4].getBytes(StandardCharsets.UTF_8);
    byte[] request = concat(("POST / HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), body);

    LongAdder ok = new LongAdder();
    LongAdder failed = new LongAdder();
    long start = System.nanoTime();
    long deadline = start + nanos;
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      threads.add(Thread.ofPlatform().start(() -> {
        try (Socket socket = new Socket(host, port)) {
          socket.setTcpNoDelay(true);
          OutputStream out = socket.getOutputStream();
          InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
          while (System.nanoTime() < deadline) {
            out.write(request);
            out.flush();
            if (readResponse(in) == 200) {
              ok.increment();
            } else {
              failed.increment();
            }
          }
        } catch (IOException e) {
          failed.increment();
          System.err.println("connection failed: " + e);
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    System.out.println("ok=" + ok.sum() + " failed=" + failed.sum() + " nanos=" + (System.nanoTime() - start));
  }

  /** Reads one response (status line, headers, Content-Length body) and returns its status. */
  static int readResponse(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int status = -1;
    int contentLength = 0;
    while (true) {
      line.setLength(0);
      int b;
      while ((b = in.read()) != '\n') {
        if (b < 0) {
          throw new IOException("connection closed mid-response");
        }
        if (b != '\r') {
          line.append((char) b);
        }
      }
      if (line.isEmpty()) {
        break;
      }
      if (status < 0) {
        status = Integer.parseInt(line.substring(9, 12));
      } else if (line.length() > 15 && line.substring(0, 15).equalsIgnoreCase("content-length:")) {
        contentLength = Integer.parseInt(line.substring(15).trim());
      }
    }
    in.skipNBytes(contentLength);
    return status;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
