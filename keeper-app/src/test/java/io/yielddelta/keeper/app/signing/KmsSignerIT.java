package io.yielddelta.keeper.app.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yielddelta.keeper.core.signing.Signature;
import io.yielddelta.keeper.core.signing.SigningException;
import java.math.BigInteger;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class KmsSignerIT {

    private static final String SECRET_ACCESS_KEY = "test-secret-access-key-never-logged";
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATESTTESTTEST", SECRET_ACCESS_KEY));

    private final ECKeyPair key =
            ECKeyPair.create(new BigInteger("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", 16));
    private LocalKmsServer kms;

    @BeforeEach
    void startKms() throws Exception {
        kms = new LocalKmsServer(Map.of("alias/keeper", key));
    }

    @AfterEach
    void stopKms() {
        kms.close();
    }

    @Test
    void addressComesFromGetPublicKey() {
        try (KmsSigner signer = KmsSigner.connect("alias/keeper", "eu-west-1", kms.endpoint(), CREDENTIALS)) {
            assertEquals("0x" + Keys.getAddress(key), signer.address());
            assertEquals("0x2c7536e3605d9c16a7a3d7b1898e529396a65c23", signer.address());
        }
    }

    @Test
    void signaturesAreLowSAndRecoverToTheKmsAddressEvenWhenKmsReturnsHighS() throws Exception {
        Random random = new Random(7);
        try (KmsSigner signer = KmsSigner.connect("alias/keeper", "eu-west-1", kms.endpoint(), CREDENTIALS)) {
            for (int i = 0; i < 24; i++) {
                byte[] digest = Hash.sha3(BigInteger.valueOf(random.nextLong()).toByteArray());
                Signature signature = signer.sign(digest);

                // The Keccak digest reaches KMS as-is, not hashed again.
                assertArrayEquals(digest, kms.signedDigests().get(i));
                assertTrue(Signature.isLowS(signature.s()));
                BigInteger recovered = Sign.recoverFromSignature(
                        signature.recoveryId(), new ECDSASignature(signature.r(), signature.s()), digest);
                assertEquals(signer.address(), "0x" + Keys.getAddress(recovered));
            }
        }
        // With 24 signatures, both halves of s came back from KMS (deterministic for this key and seed):
        // the normalisation path really ran.
        assertTrue(kms.highSReturned() > 0 && kms.highSReturned() < 24, "high-s count " + kms.highSReturned());
    }

    @Test
    void kmsErrorsBecomeSigningExceptionsWithoutCredentials() {
        SigningException missing = assertThrows(
                SigningException.class,
                () -> KmsSigner.connect("alias/absent", "eu-west-1", kms.endpoint(), CREDENTIALS));
        assertTrue(missing.getMessage().contains("alias/absent"), missing.getMessage());
        assertFalse(missing.getMessage().contains(SECRET_ACCESS_KEY));

        try (KmsSigner signer = KmsSigner.connect("alias/keeper", "eu-west-1", kms.endpoint(), CREDENTIALS)) {
            assertFalse(signer.toString().contains(SECRET_ACCESS_KEY));
            assertThrows(IllegalArgumentException.class, () -> signer.sign(new byte[31]));
        }
    }
}
