package org.openledger.devnet.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openledger.devnet.rpc.RpcException;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlockNumber;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.Web3ClientVersion;
import org.web3j.protocol.http.HttpService;

/** A real Ethereum client library against the server, with fake methods registered here. */
class Web3jClientTest {
  JsonRpcServer server;
  Web3j web3j;

  @BeforeEach
  void start() throws IOException {
    server = JsonRpcServer.builder(Map.of(
            "web3_clientVersion", params -> TextNode.valueOf("OpenLedger/test"),
            "eth_blockNumber", params -> TextNode.valueOf("0x2a"),
            "eth_call", params -> {
              throw new RpcException(RpcException.EXECUTION_REVERTED, "execution reverted",
                  TextNode.valueOf("0xdeadbeef"));
            }))
        .bind("127.0.0.1", 0).build();
    server.start();
    web3j = Web3j.build(new HttpService("http://127.0.0.1:" + server.port()));
  }

  @AfterEach
  void stop() {
    web3j.shutdown();
    server.close();
  }

  @Test
  void web3jReadsAResult() throws IOException {
    Web3ClientVersion version = web3j.web3ClientVersion().send();
    assertThat(version.hasError()).isFalse();
    assertThat(version.getWeb3ClientVersion()).isEqualTo("OpenLedger/test");
  }

  @Test
  void web3jDecodesAQuantity() throws IOException {
    assertThat(web3j.ethBlockNumber().send().getBlockNumber()).isEqualTo(BigInteger.valueOf(42));
  }

  @Test
  void web3jSeesARevertWithItsCodeAndData() throws IOException {
    EthCall call = web3j.ethCall(Transaction.createEthCallTransaction(
        "0x0000000000000000000000000000000000000001", "0x0000000000000000000000000000000000000002", "0x"),
        DefaultBlockParameterName.LATEST).send();
    assertThat(call.hasError()).isTrue();
    assertThat(call.getError().getCode()).isEqualTo(3);
    assertThat(call.getError().getMessage()).isEqualTo("execution reverted");
    // web3j hands data over as the raw JSON text of the member, quotes included
    assertThat(call.getError().getData()).isEqualTo("\"0xdeadbeef\"");
  }

  @Test
  void web3jSeesAnUnknownMethodAsMethodNotFound() throws IOException {
    var response = web3j.ethGasPrice().send();
    assertThat(response.getError().getCode()).isEqualTo(-32601);
    assertThat(response.getError().getMessage()).isEqualTo("the method eth_gasPrice does not exist/is not available");
  }

  @Test
  void web3jBatchGetsEachResponseMatchedById() throws IOException {
    BatchResponse batch = web3j.newBatch()
        .add(web3j.ethBlockNumber())
        .add(web3j.web3ClientVersion())
        .send();
    List<?> responses = batch.getResponses();
    assertThat(responses).hasSize(2);
    assertThat(((EthBlockNumber) responses.get(0)).getBlockNumber()).isEqualTo(BigInteger.valueOf(42));
    assertThat(((Web3ClientVersion) responses.get(1)).getWeb3ClientVersion()).isEqualTo("OpenLedger/test");
  }
}
