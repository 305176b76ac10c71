package io.yielddelta.keeper.app.signing;

import io.yielddelta.keeper.core.signing.Signature;
import io.yielddelta.keeper.core.signing.Signer;
import io.yielddelta.keeper.core.signing.SigningException;
import java.math.BigInteger;
import java.net.URI;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SignRequest;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * Signs with an AWS KMS key of spec ECC_SECG_P256K1; the private key never leaves KMS.
 *
 * <p>The Keccak-256 digest is sent as-is ({@code MessageType.DIGEST}); sending it as a message would make KMS
 * SHA-256 it again (the trap of web3j's own KMS helper). KMS answers with a DER signature without recovery id and
 * with s in either half, so s is normalised to the lower half and v found by recovering the address.
 */
public final class KmsSigner implements Signer, AutoCloseable {

    private final KmsClient kms;
    private final String keyId;
    private final BigInteger publicKey;
    private final String address;

    /** Reads the key's public key once, so {@link #address()} never calls KMS. */
    public KmsSigner(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
        GetPublicKeyResponse response;
        try {
            response = kms.getPublicKey(r -> r.keyId(keyId));
        } catch (SdkException e) {
            throw new SigningException("KMS key " + keyId + ": GetPublicKey failed: " + e.getMessage(), e);
        }
        if (response.keySpec() != KeySpec.ECC_SECG_P256_K1) {
            throw new SigningException(
                    "KMS key " + keyId + " has key spec " + response.keySpecAsString() + ", expected ECC_SECG_P256K1");
        }
        this.publicKey = publicKeyOf(response.publicKey().asByteArray());
        this.address = "0x" + Keys.getAddress(publicKey);
    }

    /**
     * A client on the JDK's URL connection (no Netty or Apache), for the given region and, when not null, an
     * endpoint override (a VPC endpoint, or a local test server).
     */
    public static KmsSigner connect(String keyId, String region, URI endpoint, AwsCredentialsProvider credentials) {
        KmsClientBuilder builder = KmsClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return new KmsSigner(builder.build(), keyId);
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public Signature sign(byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("digest must be 32 bytes, was " + digest.length);
        }
        byte[] der;
        try {
            der = kms.sign(SignRequest.builder()
                            .keyId(keyId)
                            .message(SdkBytes.fromByteArray(digest))
                            .messageType(MessageType.DIGEST)
                            .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)
                            .build())
                    .signature()
                    .asByteArray();
        } catch (SdkException e) {
            throw new SigningException("KMS key " + keyId + ": Sign failed: " + e.getMessage(), e);
        }
        return withRecoveryId(der, digest);
    }

    private Signature withRecoveryId(byte[] der, byte[] digest) {
        BigInteger r;
        BigInteger s;
        try {
            ASN1Sequence sequence = ASN1Sequence.getInstance(der);
            r = ASN1Integer.getInstance(sequence.getObjectAt(0)).getPositiveValue();
            s = ASN1Integer.getInstance(sequence.getObjectAt(1)).getPositiveValue();
        } catch (RuntimeException e) {
            throw new SigningException("KMS key " + keyId + " returned a signature that is not DER ECDSA", e);
        }
        ECDSASignature lowS = new ECDSASignature(r, Signature.toLowS(s));
        for (int recoveryId = 0; recoveryId < 2; recoveryId++) {
            if (publicKey.equals(Sign.recoverFromSignature(recoveryId, lowS, digest))) {
                return new Signature(lowS.r, lowS.s, 27 + recoveryId);
            }
        }
        throw new SigningException("KMS key " + keyId + " returned a signature that does not recover to " + address);
    }

    /** The 64-byte uncompressed point (without the 0x04 prefix) from a DER SubjectPublicKeyInfo. */
    private BigInteger publicKeyOf(byte[] subjectPublicKeyInfo) {
        byte[] point;
        try {
            point = SubjectPublicKeyInfo.getInstance(subjectPublicKeyInfo)
                    .getPublicKeyData()
                    .getBytes();
        } catch (RuntimeException e) {
            throw new SigningException("KMS key " + keyId + ": public key is not DER SubjectPublicKeyInfo", e);
        }
        if (point.length != 65 || point[0] != 0x04) {
            throw new SigningException("KMS key " + keyId + ": public key is not an uncompressed secp256k1 point");
        }
        return Numeric.toBigInt(Arrays.copyOfRange(point, 1, 65));
    }

    @Override
    public void close() {
        kms.close();
    }

    @Override
    public String toString() {
        return "KmsSigner[" + address + ", key " + keyId + "]";
    }
}
