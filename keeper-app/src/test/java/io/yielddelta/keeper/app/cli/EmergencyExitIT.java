package io.yielddelta.keeper.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.app.chainlink.FeedWorld;
import io.yielddelta.keeper.app.config.ConfigLoader;
import io.yielddelta.keeper.contracts.devchain.DevChain;
import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault;
import io.yielddelta.keeper.contracts.vault.RebalanceTypedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.WalletUtils;
import picocli.CommandLine;

/** L-4 from the keeper's side: {@code keeper exit} takes every configured vault out of its pool with the guardian key. */
@ExtendWith(DevChainExtension.class)
class EmergencyExitIT {
    private static final String PASSWORD = "guardian password";

    @TempDir
    Path dir;

    @Test
    void exitCallsExitToIdleOnEveryConfiguredVaultWithTheGuardianKey(DevChain chain, UniswapV3Stack uniswap)
            throws Exception {
        FeedWorld world = new FeedWorld(chain, uniswap);
        YieldDeltaVault vault = world.vault;
        invest(world);
        assertThat(vault.position().send().component3()).isPositive();
        // DevVaults makes the owner, anvil's account 0, the guardian too
        String guardian =
                WalletUtils.generateWalletFile(PASSWORD, chain.account(0).getEcKeyPair(), dir.toFile(), false);
        Path config = Files.writeString(dir.resolve("keeper.yaml"), """
                chain: {chainId: %d, rpcUrls: ["%s"]}
                signers:
                  keeper: {type: kms, keyId: alias/k, region: us-east-1}
                  aiOracle: {type: kms, keyId: alias/o, region: us-east-1}
                  guardian: {type: keystore, path: "%s", passwordEnv: GUARDIAN_PASSWORD}
                vaults:
                  - name: weth-usdc
                    address: "%s"
                    pool: "%s"
                    poolFee: 3000
                    kind: CONCENTRATED_LIQUIDITY
                    limits: {maxNotionalUsd: 1000000}
                database: {path: "%s"}
                """.formatted(
                        DevChain.SEI_CHAIN_ID,
                        chain.rpcUrl(),
                        dir.resolve(guardian),
                        Keys.toChecksumAddress(vault.getContractAddress()),
                        Keys.toChecksumAddress(world.pool.getContractAddress()),
                        dir.resolve("db/keeper")));

        TradingStateCommands.Exit exit = new TradingStateCommands.Exit();
        exit.loader = new ConfigLoader(Map.of("GUARDIAN_PASSWORD", PASSWORD));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(exit);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        assertThat(cli.execute("--config", config.toString(), "--reason", "oracle key leaked"))
                .as(err::toString)
                .isZero();

        assertThat(out.toString()).contains("vault weth-usdc: exited to idle and paused in block", "emergency exit");
        assertThat(vault.position().send().component3()).isZero();
        assertThat(vault.paused().send()).isTrue();
        var totals = vault.totalAmounts().send();
        var idle = vault.idleBalances().send();
        assertThat(idle.component1()).isEqualTo(totals.component1());
        assertThat(idle.component2()).isEqualTo(totals.component2());
    }

    /** A first rebalance, signed by the vault's aiOracle and sent by its keeper, so there is a position to exit. */
    private static void invest(FeedWorld world) throws Exception {
        int centre = world.centreTick();
        var params = new YieldDeltaVault.RebalanceParams(
                BigInteger.valueOf(centre - 600),
                BigInteger.valueOf(centre + 600),
                false,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.valueOf(world.blockTime().getEpochSecond() + 600),
                BigInteger.ONE);
        byte[] digest = RebalanceTypedData.digest(world.chain.chainId(), world.vault.getContractAddress(), params);
        Sign.SignatureData signature = Sign.signMessage(digest, world.aiOracle.getEcKeyPair(), false);
        byte[] bytes = new byte[65];
        System.arraycopy(signature.getR(), 0, bytes, 0, 32);
        System.arraycopy(signature.getS(), 0, bytes, 32, 32);
        bytes[64] = signature.getV()[0];
        UniswapV3Stack.send(YieldDeltaVault.load(
                        world.vault.getContractAddress(),
                        world.chain.web3j(),
                        world.chain.transactionManager(world.keeper),
                        world.chain.gasProvider())
                .rebalance(params, bytes));
    }
}
