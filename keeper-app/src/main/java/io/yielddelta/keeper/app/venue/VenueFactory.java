package io.yielddelta.keeper.app.venue;

import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.app.config.KeeperConfig.SignerSpec;
import io.yielddelta.keeper.app.config.Secret;
import io.yielddelta.keeper.core.hedge.HedgeJournal;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.venues.coinbase.CdpKey;
import io.yielddelta.keeper.venues.coinbase.CoinbaseConfig;
import io.yielddelta.keeper.venues.coinbase.CoinbaseVenue;
import io.yielddelta.keeper.venues.dydx.DydxConfig;
import io.yielddelta.keeper.venues.dydx.DydxVenue;
import io.yielddelta.keeper.venues.dydx.DydxWallet;
import io.yielddelta.keeper.venues.hyperliquid.HyperliquidConfig;
import io.yielddelta.keeper.venues.hyperliquid.HyperliquidRateLimiter;
import io.yielddelta.keeper.venues.hyperliquid.HyperliquidSigner;
import io.yielddelta.keeper.venues.hyperliquid.HyperliquidVenue;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.web3j.crypto.exception.CipherException;
import org.web3j.crypto.WalletUtils;
import org.web3j.utils.Numeric;

/**
 * Builds a configured venue's client: endpoints from the file (the venues' production URLs when absent), credentials
 * from the secrets the configuration resolved. Nothing is sent while building, except that the clients read public
 * metadata on first use.
 */
public final class VenueFactory implements VenueSource {

    private final Clock clock;
    private final OkHttpClient http = new OkHttpClient();

    public VenueFactory(Clock clock) {
        this.clock = clock;
    }

    /**
     * @throws IllegalArgumentException naming the venue and what is wrong (never a secret's value)
     */
    @Override
    public HedgeVenue open(KeeperConfig.Venue venue, HedgeJournal journal) {
        Map<String, Object> s = venue.settings();
        return switch (venue.type()) {
            case "hyperliquid" -> hyperliquid(venue.name(), s);
            case "dydx" -> dydx(venue.name(), s, journal);
            case "coinbase" -> coinbase(venue.name(), s);
            default -> throw new IllegalArgumentException("venue " + venue.name() + ": type " + venue.type()
                    + " is simulated and built by the sandbox and the backtest, not from a deployment file");
        };
    }

    private HedgeVenue hyperliquid(String name, Map<String, Object> s) {
        boolean mainnet = (Boolean) s.getOrDefault("mainnet", true);
        HyperliquidConfig config = HyperliquidConfig.defaults(
                url(s, "baseUrl").orElse(mainnet ? HyperliquidConfig.MAINNET_REST_URL : HyperliquidConfig.TESTNET_REST_URL),
                url(s, "wsUrl").orElse(mainnet ? HyperliquidConfig.MAINNET_WS_URL : HyperliquidConfig.TESTNET_WS_URL),
                mainnet);
        if (s.get("accountAddress") instanceof String account) {
            config = config.withAccountAddress(account);
        }
        if (s.get("vaultAddress") instanceof String vault) {
            config = config.withVaultAddress(vault);
        }
        if (!(s.get("signer") instanceof SignerSpec.Keystore keystore)) {
            throw new IllegalArgumentException("venue " + name + ": hyperliquid needs a keystore signer");
        }
        HyperliquidSigner signer = HyperliquidSigner.fromPrivateKey(privateKey(name, keystore.path(), keystore.password()));
        return new HyperliquidVenue(config, signer, http, clock, HyperliquidRateLimiter.standard());
    }

    private HedgeVenue dydx(String name, Map<String, Object> s, HedgeJournal journal) {
        DydxConfig defaults = DydxConfig.defaults(
                url(s, "indexerUrl").orElse(DydxConfig.MAINNET_INDEXER_URL),
                url(s, "indexerWsUrl").orElse(DydxConfig.MAINNET_INDEXER_WS_URL),
                url(s, "nodeUrl").orElseThrow(() -> new IllegalArgumentException("venue " + name + ": nodeUrl is required")),
                (String) s.getOrDefault("chainId", DydxConfig.MAINNET_CHAIN_ID));
        int subaccount = ((Long) s.getOrDefault("subaccount", 0L)).intValue();
        DydxConfig config = new DydxConfig(defaults.indexerUrl(), defaults.indexerWsUrl(), defaults.nodeRestUrl(),
                defaults.chainId(), subaccount, defaults.shortTermBlocks(), defaults.statefulOrderLifetime(),
                defaults.marketSlippage(), defaults.feeDenom(), defaults.feeAmount(), defaults.gasLimit(),
                defaults.requestTimeout(), defaults.reconnectDelay());
        DydxWallet wallet = DydxWallet.fromMnemonic(((Secret) s.get("mnemonic")).reveal());
        if (s.get("address") instanceof String address && !address.equals(wallet.address())) {
            throw new IllegalArgumentException("venue " + name + ": the mnemonic's account is " + wallet.address()
                    + ", not the configured address " + address);
        }
        return new DydxVenue(config, wallet, http, clock, journal);
    }

    @SuppressWarnings("unchecked")
    private HedgeVenue coinbase(String name, Map<String, Object> s) {
        CoinbaseConfig config = CoinbaseConfig.production(
                CoinbaseConfig.Derivatives.valueOf((String) s.getOrDefault("derivatives", "CFM")),
                (String) s.get("portfolioUuid"), (Map<String, String>) s.getOrDefault("products", Map.of()));
        if (s.containsKey("baseUrl") || s.containsKey("wsUrl")) {
            config = config.withEndpoints(url(s, "baseUrl").orElse(CoinbaseConfig.REST_URL),
                    url(s, "wsUrl").orElse(CoinbaseConfig.WS_URL));
        }
        Path keyFile = (Path) s.get("privateKeyPath");
        String secret;
        try {
            secret = Files.readString(keyFile);
        } catch (IOException e) {
            throw new IllegalArgumentException("venue " + name + ": cannot read the API key file " + keyFile, e);
        }
        CdpKey key = CdpKey.load(((Secret) s.get("apiKeyName")).reveal(), secret);
        return new CoinbaseVenue(config, key, http, clock);
    }

    private static Optional<String> url(Map<String, Object> settings, String key) {
        // Trailing slashes would double up in the clients' path joins.
        return Optional.ofNullable((URI) settings.get(key)).map(u -> u.toString().replaceAll("/+$", ""));
    }

    private static String privateKey(String venue, Path keystore, Secret password) {
        try {
            return Numeric.toHexStringWithPrefixZeroPadded(
                    WalletUtils.loadCredentials(password.reveal(), keystore.toFile()).getEcKeyPair().getPrivateKey(), 64);
        } catch (CipherException e) {
            throw new IllegalArgumentException("venue " + venue + ": cannot decrypt keystore " + keystore
                    + " with the configured password");
        } catch (IOException e) {
            throw new IllegalArgumentException("venue " + venue + ": cannot read keystore " + keystore, e);
        }
    }
}
