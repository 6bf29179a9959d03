package org.openledger.devnet.rpc.server;

/**
 * What one client may ask of the server at once. Each limit answers -32005 (limit exceeded) with a
 * message that names it.
 *
 * @param maxBodyBytes largest request body accepted (HTTP 413 above it; a body up to twice this is
 *     read and discarded so its sender sees the 413, a larger one is not read)
 * @param maxBatchLength most requests in one batch
 * @param maxConcurrentRequests HTTP requests being processed at the same time (HTTP 429 above it)
 */
public record RpcLimits(int maxBodyBytes, int maxBatchLength, int maxConcurrentRequests) {
  /** 5 MiB bodies (geth's limit), batches of 1,000 (geth's), 256 requests at once. */
  public static final RpcLimits DEFAULT = new RpcLimits(5 * 1024 * 1024, 1_000, 256);

  public RpcLimits {
    if (maxBodyBytes < 1 || maxBatchLength < 1 || maxConcurrentRequests < 1) {
      throw new IllegalArgumentException("RPC limits must be positive: body " + maxBodyBytes
          + ", batch " + maxBatchLength + ", concurrent " + maxConcurrentRequests);
    }
  }

  public RpcLimits withMaxBodyBytes(int bytes) {
    return new RpcLimits(bytes, maxBatchLength, maxConcurrentRequests);
  }

  public RpcLimits withMaxBatchLength(int length) {
    return new RpcLimits(maxBodyBytes, length, maxConcurrentRequests);
  }

  public RpcLimits withMaxConcurrentRequests(int requests) {
    return new RpcLimits(maxBodyBytes, maxBatchLength, requests);
  }
}
