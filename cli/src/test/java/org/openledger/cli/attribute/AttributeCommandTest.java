package org.openledger.cli.attribute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.cli.OpenLedgerCommandTest;
import org.openledger.cli.OpenLedgerCommandTest.Run;
import org.openledger.cli.devnet.DevelopmentKeys;
import org.openledger.cli.devnet.DevelopmentKeystores;
import org.openledger.devnet.node.DevnetNode;
import org.openledger.prover.text.TextAttribution;
import org.openledger.prover.text.TextContribution;

/** {@code openledger attribute} against a devnet Datanet whose contributors submitted text (and one image) through the CLI. */
class AttributeCommandTest {
  @TempDir static Path tmp;
  static DevnetNode node;
  static String url;
  static DevelopmentKeystores keys;
  static final ObjectMapper JSON = new ObjectMapper();
  static String textDatanet, imageDatanet;
  static final String[] contributors = new String[4];

  static final String LIGHTHOUSE = "The lighthouse keeper climbed the spiral stairs every evening at dusk and lit the great lamp.";
  static final String BREAD = "Mix the flour, water, salt and yeast, knead for ten minutes, then leave the dough to rise for an hour.";
  static final String BIRDS = "Swallows cross the Mediterranean every spring on their way north to the barns of Europe.";

  @BeforeAll
  static void datanetsWithContributions() throws Exception {
    node = DevnetNode.start(DevnetNode.Config.ephemeral(tmp.resolve("chain")));
    url = node.rpcUrl();
    keys = DevelopmentKeystores.write(tmp);
    for (int i = 1; i < 5; i++) contributors[i - 1] = DevelopmentKeys.account(i).getAddress();
    textDatanet = json(as(0, "datanet", "create", "--name", "stories", "--deposit", "1", "--json")).get(0).get("datanet").asText();
    imageDatanet = json(as(0, "datanet", "create", "--name", "pictures", "--deposit", "1", "--json")).get(0).get("datanet").asText();
    contribute(1, textDatanet, TextContribution.of(LIGHTHOUSE).encode());
    contribute(2, textDatanet, TextContribution.of(BREAD).encode());
    contribute(3, textDatanet, TextContribution.of(BIRDS).encode());
    contribute(4, textDatanet, new byte[] {'O', 'L', 'I', '1', 0, 0, 0, 0}); // not a text: skipped
    contribute(4, imageDatanet, new byte[] {'O', 'L', 'I', '1', 1, 2, 3, 4});
  }

  static void contribute(int user, String datanet, byte[] content) throws Exception {
    Path file = Files.write(Files.createTempFile(tmp, "contribution", ".bin"), content);
    String id = json(as(user, "datanet", "submit", "--datanet", datanet, "--file", file.toString(), "--json")).get(0).get("contribution").asText();
    json(as(0, "datanet", "accept", id, "--json"));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Run as(int user, String... args) {
    return OpenLedgerCommandTest.run(keys.signedAs(user, url, args));
  }

  static Run attribute(String... args) {
    List<String> all = new ArrayList<>(List.of("attribute", "--rpc-url", url));
    all.addAll(List.of(args));
    return OpenLedgerCommandTest.run(all.toArray(String[]::new));
  }

  static JsonNode json(Run r) throws Exception {
    assertThat(r.exit()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  @Test
  void aTextRepeatingTwoContributionsIsAttributedToTheirOwnersByMatchedTokens() throws Exception {
    String text = "Tonight the lighthouse keeper climbed the spiral stairs every evening at dusk; "
        + "earlier he would knead for ten minutes, then leave the dough to rise for an hour.";
    JsonNode out = json(attribute("--datanet", textDatanet, "--text", text, "--json"));
    assertThat(out.get("chunks").asText()).isEqualTo("3");
    JsonNode spans = out.get("spans");
    assertThat(spans).hasSize(2);
    assertThat(spans.get(0).get("text").asText()).isEqualTo(" lighthouse keeper climbed the spiral stairs every evening at dusk");
    assertThat(spans.get(0).get("occurrences").get(0).get("contributor").asText()).isEqualToIgnoringCase(contributors[0]);
    assertThat(spans.get(1).get("text").asText()).isEqualTo(" knead for ten minutes, then leave the dough to rise for an hour.");
    assertThat(spans.get(1).get("occurrences").get(0).get("contributor").asText()).isEqualToIgnoringCase(contributors[1]);
    JsonNode who = out.get("contributors");
    assertThat(who).hasSize(2);
    long tokens0 = Long.parseLong(spans.get(0).get("endToken").asText()) - Long.parseLong(spans.get(0).get("startToken").asText());
    long tokens1 = Long.parseLong(spans.get(1).get("endToken").asText()) - Long.parseLong(spans.get(1).get("startToken").asText());
    List<Long> weights = List.of(Long.parseLong(who.get(0).get("weight").asText()), Long.parseLong(who.get(1).get("weight").asText()));
    assertThat(weights).containsExactlyInAnyOrder(tokens0 * TextAttribution.TOKEN_UNITS, tokens1 * TextAttribution.TOKEN_UNITS);
  }

  @Test
  void theTableShowsSpansTheirChunksAndTheWeightPerContributor() {
    Path file = tmp.resolve("text.txt");
    Run r;
    try {
      Files.writeString(file, "Swallows cross the Mediterranean every spring on their way north, as everyone knows.");
      r = attribute("--datanet", textDatanet, "--file", file.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"Swallows cross the Mediterranean every spring on their way north\"").contains("#3/0@0")
        .containsIgnoringCase(contributors[2]).contains("100.00%").contains("1 spans;");
  }

  @Test
  void anUnknownDatanetIsRefusedWithTheRangeThatExists() {
    Run r = attribute("--datanet", "99", "--text", "anything at all");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("unknown datanet 99").contains("datanet list");
  }

  @Test
  void aDatanetWithoutTextContributionsIsRefusedWithHowToAddOne() {
    Run r = attribute("--datanet", imageDatanet, "--text", "anything at all");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("no accepted text contributions").contains("1 accepted").contains("OLT1");
  }

  @Test
  void aFileThatIsNotUtf8IsRefusedWithTheFix() throws Exception {
    Path latin1 = Files.write(tmp.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9});
    Run r = attribute("--datanet", textDatanet, "--file", latin1.toString());
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("is not UTF-8").contains("iconv");
  }

  @Test
  void textAndFileAreMutuallyExclusiveAndOneIsRequired() {
    assertThat(attribute("--datanet", textDatanet).exit()).isNotZero();
    assertThat(attribute("--datanet", textDatanet, "--text", "a", "--file", "b").exit()).isNotZero();
  }
}
