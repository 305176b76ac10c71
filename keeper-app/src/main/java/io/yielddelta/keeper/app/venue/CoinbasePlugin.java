package io.yielddelta.keeper.app.venue;

import io.yielddelta.keeper.app.config.Secret;
import io.yielddelta.keeper.app.config.YamlMap;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.venues.coinbase.CdpKey;
import io.yielddelta.keeper.venues.coinbase.CoinbaseConfig;
import io.yielddelta.keeper.venues.coinbase.CoinbaseVenue;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: coinbase}: a CDP API key (its name and the PEM file of its private key), US futures (CFM) or
 * international perpetuals (INTX, with the portfolio), and the product id of each hedged market.
 */
public final class CoinbasePlugin implements VenuePlugin<CoinbasePlugin.Spec> {

    public record Spec(
            String name,
            Optional<URI> baseUrl,
            Optional<URI> wsUrl,
            Secret apiKeyName,
            Path privateKeyPath,
            CoinbaseConfig.Derivatives derivatives,
            Optional<String> portfolioUuid,
            Map<String, String> products)
            implements VenueSpec {}

    @Override
    public String type() {
        return "coinbase";
    }

    @Override
    public Optional<Spec> read(String name, YamlMap m) {
        Optional<URI> baseUrl = m.url("baseUrl", false, Set.of("http", "https"));
        Optional<URI> wsUrl = m.url("wsUrl", false, Set.of("ws", "wss"));
        Optional<Secret> keyName = m.secret("apiKeyName", true);
        Optional<Path> keyFile = m.existingFile("privateKeyPath", true);
        Optional<CoinbaseConfig.Derivatives> derivatives = m.string("derivatives", false)
                .or(() -> Optional.of("CFM"))
                .flatMap(d -> {
                    try {
                        return Optional.of(CoinbaseConfig.Derivatives.valueOf(d));
                    } catch (IllegalArgumentException e) {
                        m.problem("derivatives", "expected CFM (US futures) or INTX (international perpetuals)");
                        return Optional.empty();
                    }
                });
        boolean intx =
                derivatives.map(d -> d == CoinbaseConfig.Derivatives.INTX).orElse(false);
        Optional<String> portfolio = m.string("portfolioUuid", intx);
        Map<String, String> products = new LinkedHashMap<>();
        m.map("products", true).ifPresent(p -> {
            for (String market : p.keys()) {
                p.string(market, true).ifPresent(id -> products.put(market, id));
            }
            p.finish();
        });
        m.finish();
        if (keyName.isEmpty()
                || keyFile.isEmpty()
                || derivatives.isEmpty()
                || (intx && portfolio.isEmpty())
                || products.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Spec(
                name,
                baseUrl,
                wsUrl,
                keyName.get(),
                keyFile.get(),
                derivatives.get(),
                portfolio,
                Map.copyOf(products)));
    }

    /** @throws IllegalArgumentException when the key file cannot be read or holds no EC or Ed25519 private key */
    @Override
    public HedgeVenue open(Spec spec, Clients clients) {
        CoinbaseConfig config = CoinbaseConfig.production(
                spec.derivatives(), spec.portfolioUuid().orElse(null), spec.products());
        if (spec.baseUrl().isPresent() || spec.wsUrl().isPresent()) {
            config = config.withEndpoints(
                    spec.baseUrl().map(VenuePlugin::endpoint).orElse(CoinbaseConfig.REST_URL),
                    spec.wsUrl().map(VenuePlugin::endpoint).orElse(CoinbaseConfig.WS_URL));
        }
        String pem;
        try {
            pem = Files.readString(spec.privateKeyPath());
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "venue " + spec.name() + ": cannot read the API key file " + spec.privateKeyPath());
        }
        CdpKey key;
        try {
            key = CdpKey.load(spec.apiKeyName().reveal(), pem);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("venue " + spec.name() + ": the API key file " + spec.privateKeyPath()
                    + " holds no usable private key (" + e.getClass().getSimpleName() + ")");
        }
        return new CoinbaseVenue(config, key, clients.http(), clients.clock());
    }
}
