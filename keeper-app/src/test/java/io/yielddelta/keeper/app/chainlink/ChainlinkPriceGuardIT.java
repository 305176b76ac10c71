package io.yielddelta.keeper.app.chainlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yielddelta.keeper.app.chain.DevChainSettings;
import io.yielddelta.keeper.app.chain.InMemorySentTransactions;
import io.yielddelta.keeper.app.chain.MulticallReader;
import io.yielddelta.keeper.app.chain.TransactionManager;
import io.yielddelta.keeper.app.chain.Web3jChainGateway;
import io.yielddelta.keeper.app.oracle.OraclePolicy;
import io.yielddelta.keeper.app.oracle.OracleRefusedException;
import io.yielddelta.keeper.app.oracle.PolicyCheckedOracle;
import io.yielddelta.keeper.app.oracle.RebalanceOracle;
import io.yielddelta.keeper.app.oracle.RebalanceRequest;
import io.yielddelta.keeper.app.signing.SigningPolicy;
import io.yielddelta.keeper.app.signing.TestKeySigner;
import io.yielddelta.keeper.app.signing.TransactionSigner;
import io.yielddelta.keeper.contracts.devchain.DevChain;
import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import io.yielddelta.keeper.contracts.devchain.DevFeeds;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import io.yielddelta.keeper.core.chain.RebalanceRejectedException;
import io.yielddelta.keeper.core.chain.TransactionStatus;
import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.RebalanceOrder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * The keeper's and the aiOracle's price checks against a real Chainlink aggregator on anvil (the official
 * MockV3Aggregator from @chainlink/contracts): an agreeing feed lets a rebalance through, a deviating or stale one stops
 * it before anything is signed, and each verdict names the pool's TWAP price, the feed and the venue's mark.
 */
@ExtendWith(DevChainExtension.class)
class ChainlinkPriceGuardIT {
    private FeedWorld world;
    private Web3j web3j;
    private MulticallReader reader;
    private FeedReader feeds;
    private String vault;
    private BigDecimal venueMark;

    @BeforeEach
    void setUp(DevChain chain, UniswapV3Stack uniswap) throws Exception {
        world = new FeedWorld(chain, uniswap);
        web3j = Web3j.build(new HttpService(chain.rpcUrl()));
        reader = new MulticallReader(web3j, uniswap.multicall3(), 50_000_000);
        feeds = new FeedReader(reader, uniswap.multicall3());
        vault = world.vault.getContractAddress();
        venueMark = new BigDecimal("2501");
    }

    @AfterEach
    void close() {
        web3j.shutdown();
    }

    private PriceGuard guard() {
        return new PriceGuard(
                Map.of(vault, world.feedSettings(Duration.ofHours(1), 200)), feeds, v -> Optional.of(venueMark));
    }

    @Test
    void anAgreeingFeedPasses() {
        assertThat(guard().refusal(vault)).isEmpty();
        FeedReader.Reading reading = feeds.read(vault, world.feed.getContractAddress());
        assertThat(reading.round().price()).isEqualByComparingTo("2500");
        assertThat(reading.round().decimals()).isEqualTo(8);
    }

    @Test
    void aDeviatingFeedRefusesNamingAllThreePrices() {
        DevFeeds.update(world.feed, new BigDecimal("2300"));
        assertThat(guard().refusal(vault))
                .hasValueSatisfying(why -> assertThat(why)
                        .contains("pool TWAP 2", "Chainlink 2300.00", "venue mark 2501.00", "they disagree"));
    }

    @Test
    void aVenueMarkOffThePoolAndFeedRefuses() {
        venueMark = new BigDecimal("2700");
        assertThat(guard().refusal(vault))
                .hasValueSatisfying(
                        why -> assertThat(why).contains("Chainlink 2500.00", "venue mark 2700.00", "they disagree"));
    }

    @Test
    void aStaleFeedRefuses() throws Exception {
        DevFeeds.update(world.feed, new BigDecimal("2500"), world.blockTime().minus(Duration.ofHours(2)));
        assertThat(guard().refusal(vault))
                .hasValueSatisfying(
                        why -> assertThat(why).contains("Chainlink 2500.00", "updated 720", "stale (bound 3600 s)"));
    }

    @Test
    void theGatewayAsksTheOracleOnlyWhenThePricesAgreeAndTheOracleChecksTheFeedItself() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        PolicyCheckedOracle oracle = new PolicyCheckedOracle(
                DevChain.SEI_CHAIN_ID,
                new TestKeySigner(world.aiOracle.getEcKeyPair()),
                Map.of(
                        vault,
                        new PolicyCheckedOracle.Vault(
                                OraclePolicy.DEFAULTS, Optional.of(world.feedSettings(Duration.ofHours(1), 200)))),
                Web3jChainGateway.readOnly(reader, world.uniswap.multicall3(), () -> {}),
                feeds);
        RebalanceOracle counted = request -> {
            asked.incrementAndGet();
            return oracle.sign(request);
        };
        TransactionManager transactions = new TransactionManager(
                web3j,
                new TransactionSigner(
                        new TestKeySigner(world.keeper.getEcKeyPair()),
                        new SigningPolicy(
                                Map.of(vault, Set.of(Web3jChainGateway.REBALANCE_SELECTOR)),
                                BigInteger.valueOf(3_000_000))),
                new InMemorySentTransactions(),
                DevChainSettings.transactions());
        Web3jChainGateway gateway = new Web3jChainGateway(
                reader, world.uniswap.multicall3(), transactions, counted, guard(), DevChain.SEI_CHAIN_ID, () -> {});
        int centre = world.centreTick();
        RebalanceOrder order = new RebalanceOrder(
                "cycle-1",
                vault,
                new Range(centre - 600, centre + 600),
                false,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                world.blockTime().plusSeconds(600),
                BigInteger.valueOf(11));

        DevFeeds.update(world.feed, new BigDecimal("2300"));
        assertThatThrownBy(() -> gateway.submitRebalance(order, tx -> {}))
                .isInstanceOf(RebalanceRejectedException.class)
                .hasMessageContaining("refused by the keeper's price check")
                .hasMessageContaining("Chainlink 2300.00");
        assertThat(asked).as("the aiOracle was not asked").hasValue(0);
        // the oracle, asked anyway, refuses on its own read of the same feed
        assertThatThrownBy(() -> oracle.sign(RebalanceRequest.of(DevChain.SEI_CHAIN_ID, order)))
                .isInstanceOf(OracleRefusedException.class)
                .hasMessageContaining("they disagree");

        DevFeeds.update(world.feed, new BigDecimal("2499"));
        var submitted = gateway.submitRebalance(order, tx -> {});
        assertThat(gateway.awaitOutcome(submitted).state()).isEqualTo(TransactionStatus.State.CONFIRMED);
        assertThat(asked).hasValue(1);
        assertThat(world.vault.position().send().component3()).isPositive();
    }
}
