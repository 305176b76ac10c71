package io.yielddelta.keeper.app.observability;

import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.app.config.Secret;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that leaves the process (Sentry events): every secret value the deployment file resolved
 * (tokens, passwords, API keys, mnemonics, the DSN, RPC URLs, which often carry keys), and by shape: Authorization
 * headers, {@code api_key} parameters, credentials in a URL, {@code password=}/{@code token:}-style pairs.
 */
public final class SecretScrubber {

    static final String MASK = "[scrubbed]";
    private static final int SHORTEST = 6;
    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("(?i)(authorization\\s*[:=]\\s*)(bearer\\s+|basic\\s+)?[^\\s,;\"']+"),
            Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]+"),
            Pattern.compile("(?i)((?:api[_-]?key|dd-api-key|application_key|password|passphrase|secret|token|mnemonic)"
                    + "[\"']?\\s*[:=]\\s*[\"']?)[^\\s&,;\"'}]+"),
            Pattern.compile("(?i)(https?://)[^/@\\s:]+(?::[^/@\\s]*)?(?=@)"));

    private final List<String> known;

    SecretScrubber(Collection<String> secrets) {
        this.known = secrets.stream()
                .filter(s -> s != null && s.length() >= SHORTEST)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    /** The secrets of a deployment: every {@link Secret} it holds, and its RPC URLs. */
    public static SecretScrubber of(KeeperConfig config) {
        List<String> secrets = new ArrayList<>();
        collect(config.signers().keeper(), secrets);
        collect(config.signers().aiOracle(), secrets);
        config.admin().ifPresent(a -> secrets.add(a.token().reveal()));
        config.observability().sentryDsn().ifPresent(d -> secrets.add(d.reveal()));
        config.observability().datadogApiKey().ifPresent(k -> secrets.add(k.reveal()));
        config.venues().values().forEach(v -> collect(v, secrets));
        if (config.database().password() != null) {
            secrets.add(config.database().password());
        }
        for (URI url : config.chain().rpcUrls()) {
            secrets.add(url.toString());
            if (url.getRawQuery() != null) {
                secrets.add(url.getRawQuery());
            }
            if (url.getRawPath() != null && url.getRawPath().length() > 1) {
                secrets.add(url.getRawPath());
            }
        }
        return new SecretScrubber(secrets);
    }

    private static void collect(Object value, List<String> secrets) {
        switch (value) {
            case Secret secret -> secrets.add(secret.reveal());
            case KeeperConfig.SignerSpec.Keystore keystore ->
                secrets.add(keystore.password().reveal());
            case Map<?, ?> map -> map.values().forEach(v -> collect(v, secrets));
            case Collection<?> list -> list.forEach(v -> collect(v, secrets));
            case Optional<?> optional -> optional.ifPresent(v -> collect(v, secrets));
            // A venue's spec is a record: every Secret among its components is collected, so a new venue needs no code
            // here.
            case Record record ->
                Arrays.stream(record.getClass().getRecordComponents())
                        .forEach(c -> collect(component(record, c), secrets));
            case null, default -> {}
        }
    }

    private static Object component(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass(), e);
        }
    }

    public String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : known) {
            result = result.replace(secret, MASK);
        }
        for (Pattern shape : SHAPES) {
            result = shape.matcher(result)
                    .replaceAll(m -> m.groupCount() >= 1 && m.group(1) != null
                            ? java.util.regex.Matcher.quoteReplacement(m.group(1)) + MASK
                            : MASK);
        }
        return result;
    }
}
