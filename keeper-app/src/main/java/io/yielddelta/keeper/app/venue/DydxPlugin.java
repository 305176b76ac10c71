package io.yielddelta.keeper.app.venue;

import io.yielddelta.keeper.app.config.Secret;
import io.yielddelta.keeper.app.config.YamlMap;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.venues.dydx.DydxConfig;
import io.yielddelta.keeper.venues.dydx.DydxVenue;
import io.yielddelta.keeper.venues.dydx.DydxWallet;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code type: dydx}: the account's mnemonic and the address it must derive, the subaccount, the indexer's REST and
 * WebSocket endpoints and the node's REST gateway (account number and sequence, broadcasting orders).
 */
public final class DydxPlugin implements VenuePlugin<DydxPlugin.Spec> {

    private static final Pattern ADDRESS = Pattern.compile("dydx1[0-9a-z]{38}");

    public record Spec(
            String name,
            Secret mnemonic,
            String address,
            int subaccount,
            Optional<URI> indexerUrl,
            Optional<URI> indexerWsUrl,
            URI nodeUrl,
            String chainId)
            implements VenueSpec {}

    @Override
    public String type() {
        return "dydx";
    }

    @Override
    public Optional<Spec> read(String name, YamlMap m) {
        Optional<Secret> mnemonic = m.secret("mnemonic", true);
        Optional<String> address = m.matching("address", true, ADDRESS, "expected a dydx1… bech32 address");
        int subaccount = m.integer("subaccount", false, 0, 127).orElse(0L).intValue();
        Optional<URI> indexer = m.url("indexerUrl", false, Set.of("http", "https"));
        Optional<URI> indexerWs = m.url("indexerWsUrl", false, Set.of("ws", "wss"));
        Optional<URI> node = m.url("nodeUrl", true, Set.of("http", "https"));
        String chainId = m.string("chainId", false).orElse(DydxConfig.MAINNET_CHAIN_ID);
        m.finish();
        return mnemonic.flatMap(words -> address.flatMap(
                a -> node.map(n -> new Spec(name, words, a, subaccount, indexer, indexerWs, n, chainId))));
    }

    /** @throws IllegalArgumentException when the mnemonic does not derive the configured address */
    @Override
    public HedgeVenue open(Spec spec, Clients clients) {
        DydxConfig defaults = DydxConfig.defaults(
                spec.indexerUrl().map(VenuePlugin::endpoint).orElse(DydxConfig.MAINNET_INDEXER_URL),
                spec.indexerWsUrl().map(VenuePlugin::endpoint).orElse(DydxConfig.MAINNET_INDEXER_WS_URL),
                VenuePlugin.endpoint(spec.nodeUrl()),
                spec.chainId());
        DydxConfig config = new DydxConfig(
                defaults.indexerUrl(),
                defaults.indexerWsUrl(),
                defaults.nodeRestUrl(),
                defaults.chainId(),
                spec.subaccount(),
                defaults.shortTermBlocks(),
                defaults.statefulOrderLifetime(),
                defaults.marketSlippage(),
                defaults.feeDenom(),
                defaults.feeAmount(),
                defaults.gasLimit(),
                defaults.requestTimeout(),
                defaults.reconnectDelay());
        DydxWallet wallet;
        try {
            wallet = DydxWallet.fromMnemonic(spec.mnemonic().reveal());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("venue " + spec.name() + ": the mnemonic is not a valid BIP-39 phrase");
        }
        if (!spec.address().equals(wallet.address())) {
            throw new IllegalArgumentException("venue " + spec.name() + ": the mnemonic's account is "
                    + wallet.address() + ", not the configured address " + spec.address());
        }
        return new DydxVenue(config, wallet, clients.http(), clients.clock(), clients.journal());
    }
}
