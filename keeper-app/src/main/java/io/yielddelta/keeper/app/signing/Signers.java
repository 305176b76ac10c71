package io.yielddelta.keeper.app.signing;

import io.yielddelta.keeper.app.config.KeeperConfig.SignerSpec;
import io.yielddelta.keeper.core.signing.Signer;
import java.util.List;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** Opens the key a {@link SignerSpec} names: a KMS key (the AWS SDK's default credentials) or a keystore file. */
public final class Signers {

    private Signers() {}

    /** @param opened receives what must be closed with the signer (a KMS client) */
    public static Signer open(SignerSpec spec, List<AutoCloseable> opened) {
        return switch (spec) {
            case SignerSpec.Keystore keystore -> KeystoreSigner.open(keystore.path(), keystore.password());
            case SignerSpec.Kms kms -> {
                KmsSigner signer = KmsSigner.connect(
                        kms.keyId(),
                        kms.region(),
                        kms.endpoint().orElse(null),
                        DefaultCredentialsProvider.builder().build());
                opened.add(signer);
                yield signer;
            }
        };
    }
}
