package io.yielddelta.keeper.app.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SendOutcomeTest {

    @Test
    void recognisesTheNodesWordingsOfOutcomesToReconcile() {
        // geth
        assertEquals(SendOutcome.NONCE_TOO_LOW, SendOutcome.ofError("nonce too low: next nonce 7, tx nonce 5"));
        assertEquals(SendOutcome.ALREADY_KNOWN, SendOutcome.ofError("already known"));
        assertEquals(SendOutcome.UNDERPRICED, SendOutcome.ofError("replacement transaction underpriced"));
        // anvil
        assertEquals(SendOutcome.NONCE_TOO_LOW, SendOutcome.ofError("nonce too low"));
        assertEquals(SendOutcome.ALREADY_KNOWN, SendOutcome.ofError("transaction already imported"));
        assertEquals(SendOutcome.UNDERPRICED, SendOutcome.ofError("max fee per gas less than block base fee"));
        // everything else is a refusal
        assertEquals(SendOutcome.REJECTED, SendOutcome.ofError("insufficient funds for gas * price + value"));
        assertEquals(SendOutcome.REJECTED, SendOutcome.ofError(null));
    }

    @Test
    void feeBumpsMeetTheTenPercentRuleEvenForTinyFees() {
        Fees one = new Fees(java.math.BigInteger.ONE, java.math.BigInteger.ONE);
        Fees bumped = one.bumpedBy(10);
        assertEquals(java.math.BigInteger.TWO, bumped.maxFeePerGas());
        assertEquals(true, bumped.replaces(one, 10));

        Fees typical =
                new Fees(java.math.BigInteger.valueOf(3_000_000_001L), java.math.BigInteger.valueOf(1_000_000_000L));
        Fees next = typical.bumpedBy(10);
        assertEquals(java.math.BigInteger.valueOf(3_300_000_002L), next.maxFeePerGas());
        assertEquals(true, next.replaces(typical, 10));
        assertEquals(
                false,
                typical.bumpedBy(10)
                        .cappedAt(java.math.BigInteger.valueOf(3_000_000_002L))
                        .replaces(typical, 10));
    }
}
