package io.yielddelta.keeper.app.oracle;

import io.yielddelta.keeper.app.chainlink.FeedReader;
import io.yielddelta.keeper.app.chainlink.FeedSettings;
import io.yielddelta.keeper.app.chainlink.PriceCheck;
import io.yielddelta.keeper.core.chain.ChainGateway;
import io.yielddelta.keeper.core.signing.Signature;
import io.yielddelta.keeper.core.signing.Signer;
import io.yielddelta.keeper.core.vault.VaultReading;
import io.yielddelta.keeper.core.vault.VaultState;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aiOracle itself: for each request it reads the vault and its Chainlink feed from the chain on its own, checks the
 * vault's {@link OraclePolicy} and the pool's TWAP against the feed, and only then signs the EIP-712 digest with its
 * own key. The same class runs inside the keeper (sandbox, development) and behind {@link OracleServer} in the oracle's
 * own process.
 */
public final class PolicyCheckedOracle implements RebalanceOracle {

    private static final Logger log = LoggerFactory.getLogger(PolicyCheckedOracle.class);

    /** What the oracle checks for one vault: its policy and, when it has one, the pair's Chainlink feed. */
    public record Vault(OraclePolicy policy, Optional<FeedSettings> feed) {}

    private final long chainId;
    private final Signer key;
    private final Map<String, Vault> vaults;
    private final ChainGateway chain;
    private final FeedReader feeds;

    /**
     * @param vaults the vaults it signs for, by address
     * @param chain  its own read of the chain (read-only; it sends nothing)
     */
    public PolicyCheckedOracle(
            long chainId, Signer key, Map<String, Vault> vaults, ChainGateway chain, FeedReader feeds) {
        this.chainId = chainId;
        this.key = key;
        this.vaults = vaults.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
        this.chain = chain;
        this.feeds = feeds;
        this.vaults.forEach((vault, v) -> {
            if (v.feed().isEmpty()) {
                log.warn(
                        "aiOracle {}: vault {} has no Chainlink feed; its TWAP is not checked against an independent price",
                        key.address(),
                        vault);
            }
        });
    }

    public String address() {
        return key.address();
    }

    @Override
    public Signature sign(RebalanceRequest request) {
        String target = request.describe();
        if (request.chainId() != chainId) {
            throw refused(request, "chain " + request.chainId() + " is not this oracle's chain " + chainId);
        }
        Vault vault = vaults.get(request.vault());
        if (vault == null) {
            throw refused(request, "vault " + request.vault() + " is not one this oracle signs for");
        }
        VaultState state = switch (chain.readVaults(List.of(request.vault())).getFirst()) {
            case VaultReading.Observed observed -> observed.state();
            case VaultReading.Unreadable unreadable ->
                throw refused(request, "cannot read the vault: " + unreadable.reason());
        };
        Optional<String> refusal = vault.policy().refusal(request, state);
        if (refusal.isPresent()) {
            throw refused(request, refusal.get());
        }
        String prices = "no Chainlink feed";
        if (vault.feed().isPresent()) {
            FeedReader.Reading reading =
                    feeds.read(request.vault(), vault.feed().get().feed());
            PriceCheck.Verdict verdict =
                    PriceCheck.check(vault.feed().get(), reading.twapTick(), reading.round(), Optional.empty());
            if (!verdict.passed()) {
                throw refused(request, verdict.summary());
            }
            prices = verdict.summary();
        }
        Signature signature = key.sign(request.digest());
        log.atInfo()
                .addKeyValue("vault", request.vault())
                .addKeyValue("nonce", request.nonce())
                .log(
                        "aiOracle {} signed the rebalance of {} to {}: TWAP tick {}; {}",
                        key.address(),
                        request.vault(),
                        target,
                        state.twapTick(),
                        prices);
        return signature;
    }

    private OracleRefusedException refused(RebalanceRequest request, String reason) {
        log.atWarn()
                .addKeyValue("vault", request.vault())
                .addKeyValue("nonce", request.nonce())
                .log(
                        "aiOracle {} refused the rebalance of {} to {}: {}",
                        key.address(),
                        request.vault(),
                        request.describe(),
                        reason);
        return new OracleRefusedException(reason);
    }
}
