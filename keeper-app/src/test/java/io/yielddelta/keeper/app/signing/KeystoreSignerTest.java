package io.yielddelta.keeper.app.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yielddelta.keeper.core.signing.Signature;
import io.yielddelta.keeper.core.signing.SigningException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.WalletUtils;

class KeystoreSignerTest {

    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;

    private Path keystore(ECKeyPair key) throws Exception {
        return dir.resolve(WalletUtils.generateWalletFile(PASSWORD, key, dir.toFile(), false));
    }

    @Test
    void signsDigestsThatRecoverToTheKeystoreAddress() throws Exception {
        ECKeyPair key = ECKeyPair.create(BigInteger.valueOf(0xC0FFEE));
        KeystoreSigner signer = KeystoreSigner.open(keystore(key), "KEEPER_PW", Map.of("KEEPER_PW", PASSWORD)::get);

        assertEquals("0x" + Keys.getAddress(key), signer.address());
        byte[] digest = Hash.sha3("rebalance".getBytes());
        Signature signature = signer.sign(digest);
        BigInteger recovered = Sign.recoverFromSignature(
                signature.recoveryId(), new ECDSASignature(signature.r(), signature.s()), digest);
        assertEquals(key.getPublicKey(), recovered);
        assertFalse(signer.toString().contains(key.getPrivateKey().toString(16)));
    }

    @Test
    void missingVariableOrWrongPasswordFailsWithoutRevealingThePassword() throws Exception {
        Path file = keystore(ECKeyPair.create(BigInteger.TEN));

        SigningException unset =
                assertThrows(SigningException.class, () -> KeystoreSigner.open(file, "KEEPER_PW", name -> null));
        assertTrue(unset.getMessage().contains("KEEPER_PW"), unset.getMessage());

        SigningException wrong = assertThrows(
                SigningException.class, () -> KeystoreSigner.open(file, "KEEPER_PW", name -> "not " + PASSWORD));
        assertTrue(wrong.getMessage().contains("KEEPER_PW"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains(PASSWORD));
    }
}
