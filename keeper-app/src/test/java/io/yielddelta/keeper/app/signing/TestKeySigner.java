package io.yielddelta.keeper.app.signing;

import io.yielddelta.keeper.core.signing.Signature;
import io.yielddelta.keeper.core.signing.Signer;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/** A plain in-memory key for tests (anvil's dev accounts, throw-away keys). */
public final class TestKeySigner implements Signer {

    private final ECKeyPair key;

    public TestKeySigner(ECKeyPair key) {
        this.key = key;
    }

    public static TestKeySigner of(String privateKeyHex) {
        return new TestKeySigner(ECKeyPair.create(Numeric.toBigInt(privateKeyHex)));
    }

    @Override
    public String address() {
        return "0x" + Keys.getAddress(key);
    }

    @Override
    public Signature sign(byte[] digest) {
        Sign.SignatureData data = Sign.signMessage(digest, key, false);
        return new Signature(Numeric.toBigInt(data.getR()), Numeric.toBigInt(data.getS()), data.getV()[0]);
    }
}
