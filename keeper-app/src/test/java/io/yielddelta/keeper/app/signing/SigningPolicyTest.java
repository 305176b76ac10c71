package io.yielddelta.keeper.app.signing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yielddelta.keeper.core.signing.Signature;
import io.yielddelta.keeper.core.signing.Signer;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.Transaction1559;

class SigningPolicyTest {

    private static final String VAULT = "0x00000000000000000000000000000000000000AA";
    private static final String OTHER = "0x00000000000000000000000000000000000000bb";
    private static final String REBALANCE = "0x12345678";
    private static final BigInteger GAS_CAP = BigInteger.valueOf(1_000_000);

    private final SigningPolicy policy = new SigningPolicy(Map.of(VAULT, Set.of(REBALANCE)), GAS_CAP);

    private static RawTransaction call(String to, String data, long gas, long value) {
        return RawTransaction.createTransaction(
                1329,
                BigInteger.ZERO,
                BigInteger.valueOf(gas),
                to,
                BigInteger.valueOf(value),
                data,
                BigInteger.ONE,
                BigInteger.TEN);
    }

    @Test
    void allowsAnAllowListedMethodOnAConfiguredVaultUnderTheCap() {
        assertDoesNotThrow(() -> policy.check(call(VAULT.toLowerCase(), REBALANCE + "00ff", 1_000_000, 0)));
    }

    @Test
    void refusesEverythingElse() {
        assertRefused(call(OTHER, REBALANCE, 100_000, 0), "not a configured contract");
        assertRefused(call(VAULT, "0xdeadbeef", 100_000, 0), "not allowed");
        assertRefused(call(VAULT, "0x1234", 100_000, 0), "no method selector");
        assertRefused(call(VAULT, REBALANCE, 1_000_001, 0), "exceeds the cap");
        assertRefused(call(VAULT, REBALANCE, 100_000, 1), "carries value");
        assertRefused(
                RawTransaction.createTransaction(
                        1329,
                        BigInteger.ZERO,
                        BigInteger.valueOf(100_000),
                        "",
                        BigInteger.ZERO,
                        REBALANCE,
                        BigInteger.ONE,
                        BigInteger.TEN),
                "contract creation");
    }

    private void assertRefused(RawTransaction transaction, String reason) {
        PolicyViolationException e = assertThrows(PolicyViolationException.class, () -> policy.check(transaction));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void transactionSignerChecksThePolicyBeforeSigningAndProducesATransactionFromTheSigner() throws Exception {
        ECKeyPair key = ECKeyPair.create(BigInteger.valueOf(42));
        AtomicInteger signatures = new AtomicInteger();
        Signer counting = new Signer() {
            private final Signer keystore = new TestKeySigner(key);

            @Override
            public String address() {
                return keystore.address();
            }

            @Override
            public Signature sign(byte[] digest) {
                signatures.incrementAndGet();
                return keystore.sign(digest);
            }
        };
        TransactionSigner signer = new TransactionSigner(counting, policy);

        assertThrows(PolicyViolationException.class, () -> signer.sign(call(OTHER, REBALANCE, 100_000, 0)));
        assertEquals(0, signatures.get());

        TransactionSigner.SignedTransaction signed = signer.sign(call(VAULT, REBALANCE, 100_000, 0));
        SignedRawTransaction decoded = (SignedRawTransaction) TransactionDecoder.decode(signed.raw());
        assertEquals(counting.address(), decoded.getFrom());
        assertEquals(1329L, ((Transaction1559) decoded.getTransaction()).getChainId());
        assertEquals(1, signatures.get());
    }
}
