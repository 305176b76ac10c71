package io.yielddelta.keeper.app.venue;

import io.yielddelta.keeper.app.config.KeeperConfig.SignerSpec;
import io.yielddelta.keeper.app.config.Secret;
import io.yielddelta.keeper.app.config.SignerSection;
import io.yielddelta.keeper.app.config.YamlMap;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.venues.hyperliquid.HyperliquidConfig;
import io.yielddelta.keeper.venues.hyperliquid.HyperliquidRateLimiter;
import io.yielddelta.keeper.venues.hyperliquid.HyperliquidSigner;
import io.yielddelta.keeper.venues.hyperliquid.HyperliquidVenue;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;
import org.web3j.utils.Numeric;

/** {@code type: hyperliquid}: an API wallet's keystore signer, optional master account and vault, mainnet or testnet. */
public final class HyperliquidPlugin implements VenuePlugin<HyperliquidPlugin.Spec> {

    /** @param signer the API wallet's key: Hyperliquid's EIP-712 agent signatures are made in-process */
    public record Spec(
            String name,
            Optional<URI> baseUrl,
            Optional<URI> wsUrl,
            SignerSpec.Keystore signer,
            Optional<String> accountAddress,
            Optional<String> vaultAddress,
            boolean mainnet)
            implements VenueSpec {}

    @Override
    public String type() {
        return "hyperliquid";
    }

    @Override
    public Optional<Spec> read(String name, YamlMap m) {
        Optional<URI> baseUrl = m.url("baseUrl", false, Set.of("http", "https"));
        Optional<URI> wsUrl = m.url("wsUrl", false, Set.of("ws", "wss"));
        Optional<SignerSpec.Keystore> signer = m.map("signer", true)
                .flatMap(SignerSection::read)
                .flatMap(s -> {
                    if (s instanceof SignerSpec.Keystore keystore) {
                        return Optional.of(keystore);
                    }
                    m.problem(
                            "signer",
                            "hyperliquid signs with a local key: use a keystore signer (an API wallet's key)");
                    return Optional.empty();
                });
        Optional<String> account = m.address("accountAddress", false);
        Optional<String> vault = m.address("vaultAddress", false);
        boolean mainnet = m.bool("mainnet").orElse(true);
        m.finish();
        return signer.map(s -> new Spec(name, baseUrl, wsUrl, s, account, vault, mainnet));
    }

    @Override
    public HedgeVenue open(Spec spec, Clients clients) {
        HyperliquidConfig config = HyperliquidConfig.defaults(
                spec.baseUrl()
                        .map(VenuePlugin::endpoint)
                        .orElse(
                                spec.mainnet()
                                        ? HyperliquidConfig.MAINNET_REST_URL
                                        : HyperliquidConfig.TESTNET_REST_URL),
                spec.wsUrl()
                        .map(VenuePlugin::endpoint)
                        .orElse(spec.mainnet() ? HyperliquidConfig.MAINNET_WS_URL : HyperliquidConfig.TESTNET_WS_URL),
                spec.mainnet());
        if (spec.accountAddress().isPresent()) {
            config = config.withAccountAddress(spec.accountAddress().get());
        }
        if (spec.vaultAddress().isPresent()) {
            config = config.withVaultAddress(spec.vaultAddress().get());
        }
        HyperliquidSigner signer = HyperliquidSigner.fromPrivateKey(
                privateKey(spec.name(), spec.signer().path(), spec.signer().password()));
        return new HyperliquidVenue(config, signer, clients.http(), clients.clock(), HyperliquidRateLimiter.standard());
    }

    private static String privateKey(String venue, Path keystore, Secret password) {
        try {
            return Numeric.toHexStringWithPrefixZeroPadded(
                    WalletUtils.loadCredentials(password.reveal(), keystore.toFile())
                            .getEcKeyPair()
                            .getPrivateKey(),
                    64);
        } catch (CipherException e) {
            throw new IllegalArgumentException(
                    "venue " + venue + ": cannot decrypt keystore " + keystore + " with the configured password");
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("venue " + venue + ": cannot read keystore " + keystore + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
