package io.yielddelta.keeper.app.venue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.yielddelta.keeper.app.cli.ConfigOption;
import io.yielddelta.keeper.app.config.ConfigLoader;
import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.core.hedge.InMemoryHedgeJournal;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.core.venue.VenueException;
import io.yielddelta.keeper.venues.OrderPreview;
import io.yielddelta.keeper.venues.PreparedRequest;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keeper venue preview}: the exact order request the keeper would send to a venue — method, URL, headers with
 * credentials masked, body and signature fields — printed as JSON and not sent. Building it may read the venue's
 * public market metadata (tick and lot sizes, asset indexes) and, for dYdX, the account number; no order endpoint is
 * called.
 */
@Command(
        name = "preview",
        mixinStandardHelpOptions = true,
        description = "Print the signed order request the keeper would send, without sending it.")
public final class PreviewCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the deployment's YAML file")
    Path config;

    @Option(names = "--venue", required = true, paramLabel = "NAME", description = "a venue named in the file")
    String venueName;

    @Option(names = "--market", required = true, paramLabel = "M", description = "the venue's market, e.g. ETH")
    String market;

    @Option(names = "--side", required = true, paramLabel = "buy|sell")
    String side;

    @Option(names = "--size", required = true, paramLabel = "S", description = "in base-asset units")
    BigDecimal size;

    @Option(names = "--price", paramLabel = "P", description = "limit price; without it a market IOC order")
    BigDecimal price;

    @Option(names = "--reduce-only")
    boolean reduceOnly;

    @Option(
            names = "--nonce",
            paramLabel = "N",
            description = "the venue's nonce: Hyperliquid milliseconds and "
                    + "Coinbase JWT time in seconds (default: now), dYdX account sequence (required)")
    Long nonce;

    @Option(
            names = "--client-id",
            paramLabel = "C",
            description = "the decision id the client order id derives " + "from (default: preview-<nonce>)")
    String clientId;

    private final ConfigLoader loader;
    private final Clock clock;

    public PreviewCommand() {
        this(ConfigLoader.fromEnvironment(), Clock.systemUTC());
    }

    /** @param loader resolves the file's {@code ${ENV}} secrets */
    public PreviewCommand(ConfigLoader loader, Clock clock) {
        this.loader = loader;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Optional<KeeperConfig> loaded = ConfigOption.load(config, err, loader);
        if (loaded.isEmpty()) {
            return ConfigOption.BAD_CONFIG;
        }
        VenueSpec configured = loaded.get().venues().get(venueName);
        if (configured == null) {
            return refuse(
                    err,
                    "no venue named " + venueName + " in " + config + "; configured: "
                            + loaded.get().venues().keySet());
        }
        Side orderSide = switch (side.toLowerCase(Locale.ROOT)) {
            case "buy" -> Side.BUY;
            case "sell" -> Side.SELL;
            default -> null;
        };
        if (orderSide == null) {
            return refuse(err, "--side must be buy or sell, was " + side);
        }
        long signingNonce;
        switch (configured) {
            case HyperliquidPlugin.Spec s -> signingNonce = nonce != null ? nonce : clock.millis();
            case CoinbasePlugin.Spec s ->
                signingNonce = nonce != null ? nonce : clock.instant().getEpochSecond();
            case DydxPlugin.Spec s -> {
                if (nonce == null) {
                    return refuse(
                            err,
                            "dydx signs with the account's sequence: give it with --nonce (the node's "
                                    + "/cosmos/auth/v1beta1/accounts/<address> shows it)");
                }
                signingNonce = nonce;
            }
            case PaperPlugin.Spec s -> {
                return refuse(err, "venue " + venueName + " is a paper venue: it sends nothing");
            }
        }
        OrderRequest request;
        try {
            request = new OrderRequest(
                    market,
                    orderSide,
                    size,
                    price,
                    price == null ? OrderType.MARKET_IOC : OrderType.LIMIT_GTC,
                    reduceOnly,
                    ClientOrderId.of(clientId != null ? clientId : "preview-" + signingNonce));
        } catch (IllegalArgumentException e) {
            return refuse(err, e.getMessage());
        }
        HedgeVenue venue;
        try {
            venue = new VenueFactory(clock).open(configured, new InMemoryHedgeJournal()); // a preview journals nothing
        } catch (IllegalArgumentException e) {
            return refuse(err, e.getMessage());
        }
        try (venue) {
            PreparedRequest prepared = ((OrderPreview) venue).previewOrder(request, signingNonce);
            spec.commandLine().getOut().println(JSON.writeValueAsString(toJson(venueName, request, prepared)));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IllegalArgumentException | VenueException e) {
            return refuse(err, "venue " + venueName + ": " + e.getMessage());
        } catch (Exception e) {
            err.println("venue " + venueName + ": preview failed: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    static ObjectNode toJson(String venue, OrderRequest request, PreparedRequest prepared) {
        ObjectNode out = JSON.createObjectNode();
        out.put("venue", venue);
        out.put("clientOrderId", request.clientId().toString());
        out.put("method", prepared.method());
        out.put("url", prepared.url());
        ObjectNode headers = out.putObject("headers");
        prepared.headers().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(h -> headers.put(h.getKey(), h.getValue()));
        out.set("body", bodyAsJson(prepared.body()));
        ObjectNode signature = out.putObject("signature");
        prepared.signature().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(f -> signature.put(f.getKey(), f.getValue()));
        return out;
    }

    /** A JSON body is shown as JSON; anything else verbatim as a string. */
    private static JsonNode bodyAsJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    private static int refuse(PrintWriter err, String message) {
        err.println(message);
        err.flush();
        return BAD_INPUT;
    }
}
