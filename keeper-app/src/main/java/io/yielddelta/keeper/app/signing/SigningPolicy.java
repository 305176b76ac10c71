package io.yielddelta.keeper.app.signing;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.web3j.crypto.RawTransaction;
import org.web3j.utils.Numeric;

/**
 * What the keeper's key may sign: calls to configured contract addresses, only their allow-listed methods (4-byte
 * selectors), with no ether attached and a gas limit at most the cap. A bug or a compromised config elsewhere can
 * then at worst call a vault method it was meant to call.
 */
public final class SigningPolicy {

    private final Map<String, Set<String>> selectorsByTarget;
    private final BigInteger gasCap;

    /**
     * @param selectorsByTarget contract address → allowed selectors, both {@code 0x} hex (any case)
     * @param gasCap            the largest gas limit a transaction may carry
     */
    public SigningPolicy(Map<String, Set<String>> selectorsByTarget, BigInteger gasCap) {
        if (gasCap.signum() <= 0) {
            throw new IllegalArgumentException("gas cap must be positive");
        }
        Map<String, Set<String>> normalised = new HashMap<>();
        selectorsByTarget.forEach((target, selectors) -> {
            Set<String> lower =
                    selectors.stream().map(SigningPolicy::normaliseSelector).collect(Collectors.toUnmodifiableSet());
            normalised.merge(
                    normaliseAddress(target),
                    lower,
                    (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream())
                            .collect(Collectors.toUnmodifiableSet()));
        });
        this.selectorsByTarget = Map.copyOf(normalised);
        this.gasCap = gasCap;
    }

    /** @throws PolicyViolationException naming the rule the transaction breaks */
    public void check(RawTransaction transaction) {
        String to = transaction.getTo();
        if (to == null || to.isEmpty() || Numeric.cleanHexPrefix(to).isEmpty()) {
            throw new PolicyViolationException("contract creation is not allowed");
        }
        String target = normaliseAddress(to);
        Set<String> allowed = selectorsByTarget.get(target);
        if (allowed == null) {
            throw new PolicyViolationException("target " + target + " is not a configured contract");
        }
        String data = Numeric.cleanHexPrefix(transaction.getData() == null ? "" : transaction.getData());
        if (data.length() < 8) {
            throw new PolicyViolationException("call to " + target + " has no method selector");
        }
        String selector = "0x" + data.substring(0, 8).toLowerCase(Locale.ROOT);
        if (!allowed.contains(selector)) {
            throw new PolicyViolationException("method " + selector + " is not allowed on " + target);
        }
        if (transaction.getValue() != null && transaction.getValue().signum() != 0) {
            throw new PolicyViolationException("call to " + target + " carries value; vault methods take none");
        }
        if (transaction.getGasLimit().compareTo(gasCap) > 0) {
            throw new PolicyViolationException("gas limit " + transaction.getGasLimit() + " exceeds the cap " + gasCap);
        }
    }

    public BigInteger gasCap() {
        return gasCap;
    }

    private static String normaliseAddress(String address) {
        String hex = Numeric.cleanHexPrefix(address).toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("not an address: " + address);
        }
        return "0x" + hex;
    }

    private static String normaliseSelector(String selector) {
        String hex = Numeric.cleanHexPrefix(selector).toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("not a 4-byte selector: " + selector);
        }
        return "0x" + hex;
    }
}
