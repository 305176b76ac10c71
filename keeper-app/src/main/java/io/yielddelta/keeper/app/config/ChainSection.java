package io.yielddelta.keeper.app.config;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code chain}: the chain id, the RPC URLs (tried in order), confirmations and the fee cap. */
final class ChainSection {

    private ChainSection() {}

    static Optional<KeeperConfig.Chain> read(YamlMap m) {
        Optional<Long> chainId = m.integer("chainId", true, 1, Long.MAX_VALUE);
        List<URI> urls = new ArrayList<>();
        for (YamlMap.Item item : m.list("rpcUrls", true)) {
            YamlMap.scalar(m.context(), item.node(), item.path())
                    .flatMap(s -> YamlMap.uri(m.context(), item, s, Set.of("http", "https")))
                    .ifPresent(urls::add);
        }
        int confirmations =
                m.integer("confirmations", false, 1, 1_000).orElse(1L).intValue();
        BigDecimal maxFee = m.decimal("maxFeePerGasGwei", false, BigDecimal.ZERO, true, BigDecimal.valueOf(1_000_000))
                .orElse(BigDecimal.valueOf(100));
        m.finish();
        return chainId.map(id -> new KeeperConfig.Chain(id, List.copyOf(urls), confirmations, maxFee));
    }
}
