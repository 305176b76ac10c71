package io.yielddelta.keeper.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yielddelta.keeper.app.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.WalletUtils;
import picocli.CommandLine;

/**
 * validate-config says "valid" only for a file {@code run} can start on (issue 14, defect 3): keystores decrypt, PEM keys
 * parse, dYdX mnemonics derive the configured address — each failure a problem at its line — a backtest file is read
 * as a backtest file, and one broken field is one problem.
 */
class ValidateConfigCommandTest {

    private static final Path SHARED = Path.of(System.getProperty("shared.dir", "../../shared"));
    private static final Path EXAMPLES = Path.of(
            System.getProperty(
                    "maven.multiModuleProjectDirectory",
                    Path.of("").toAbsolutePath().getParent().toString()),
            "config");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private JsonNode dydxKeys;
    private Path keystore;

    @BeforeEach
    void keys() throws Exception {
        dydxKeys = new ObjectMapper()
                .readTree(SHARED.resolve("vectors/dydx.json").toFile())
                .get("keys");
        keystore = dir.resolve(WalletUtils.generateWalletFile(
                "pw", ECKeyPair.create(java.math.BigInteger.valueOf(7)), dir.toFile(), false));
    }

    private int validate(Path file) {
        ValidateConfigCommand command = new ValidateConfigCommand();
        command.loader = new ConfigLoader(Map.of("KEY_PASSWORD", "pw"));
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(file.toString());
    }

    private Path deployment(String keeperKeystore, String venues, String database) throws IOException {
        return Files.writeString(
                dir.resolve("keeper.yaml"), """
                chain:
                  chainId: 1329
                  rpcUrls: [http://127.0.0.1:8545]
                signers:
                  keeper: {type: keystore, path: "%s", passwordEnv: KEY_PASSWORD}
                  aiOracle: {type: keystore, path: "%s", passwordEnv: KEY_PASSWORD}
                vaults:
                  - name: eth-usdc
                    address: "0x1111111111111111111111111111111111111111"
                    pool: "0x2222222222222222222222222222222222222222"
                    poolFee: 3000
                    kind: CONCENTRATED_LIQUIDITY
                    limits: {maxNotionalUsd: 1000}
                venues:
                %s
                %s
                """.formatted(keeperKeystore, keystore, venues.indent(2), database));
    }

    private String dydx(int mnemonicOf, int addressOf) {
        return """
                dx:
                  type: dydx
                  mnemonic: %s
                  address: %s
                  nodeUrl: http://127.0.0.1:1
                """.formatted(
                        dydxKeys.get(mnemonicOf).get("mnemonic").asText(),
                        dydxKeys.get(addressOf).get("address").asText());
    }

    @Test
    void aFileRunCanStartOnIsValid() throws IOException {
        String venues = dydx(0, 0) + """
                hl:
                  type: hyperliquid
                  mainnet: false
                  signer: {type: keystore, path: "%s", passwordEnv: KEY_PASSWORD}
                """.formatted(keystore);

        assertThat(validate(deployment(keystore.toString(), venues, "")))
                .as(err::toString)
                .isZero();
        assertThat(out.toString()).contains("valid (1 vault(s), 2 venue(s)", "every keystore decrypts");
    }

    @Test
    void keysThatDoNotLoadAreProblemsAtTheirLines() throws IOException {
        Path emptyKeystore = Files.writeString(dir.resolve("empty.json"), "");
        Path emptyPem = Files.writeString(dir.resolve("cdp.pem"), "");
        String venues = dydx(0, 1) + """
                cb:
                  type: coinbase
                  apiKeyName: organizations/x/apiKeys/y
                  privateKeyPath: "%s"
                  products: {ETH: ETP-20DEC30-CDE}
                """.formatted(emptyPem);
        Path file = deployment(emptyKeystore.toString(), venues, "");

        assertThat(validate(file)).isEqualTo(2);

        List<String> problems = err.toString()
                .lines()
                .filter(l -> l.startsWith(file.toString()))
                .toList();
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith(file + ":5: signers.keeper.path: not a readable keystore file");
        assertThat(problems.get(1))
                .isEqualTo(file + ":16: venues.dx.type: the client cannot be built: venue dx: the"
                        + " mnemonic's account is "
                        + dydxKeys.get(0).get("address").asText() + ", not the configured address "
                        + dydxKeys.get(1).get("address").asText());
        assertThat(problems.get(2))
                .startsWith(file + ":21: venues.cb.type: the client cannot be built: venue cb: the" + " API key file "
                        + emptyPem + " holds no usable private key");
        assertThat(err.toString())
                .doesNotContain(dydxKeys.get(0).get("mnemonic").asText());
    }

    @Test
    void aBacktestFileIsReadAsABacktestFile() {
        assertThat(validate(EXAMPLES.resolve("backtest-eth.yaml")))
                .as(err::toString)
                .isZero();
        assertThat(out.toString()).contains("a valid backtest file");
    }

    @Test
    void aMissingDatabasePasswordIsOneProblemNotACascade() throws IOException {
        Path file = deployment(keystore.toString(), "{}", """
                database:
                  type: postgresql
                  url: jdbc:postgresql://127.0.0.1:5432/keeper
                  user: keeper
                """);

        assertThat(validate(file)).isEqualTo(2);
        assertThat(err.toString().lines().filter(l -> l.startsWith(file.toString())))
                .containsExactly(file + ":18: database.password: is required");
    }
}
