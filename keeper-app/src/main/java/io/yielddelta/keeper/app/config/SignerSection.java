package io.yielddelta.keeper.app.config;

import io.yielddelta.keeper.app.config.KeeperConfig.SignerSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;

/**
 * A signer: {@code type: kms} (key id, region, optional endpoint) or {@code type: keystore} (an encrypted keystore file
 * and the environment variable holding its password). With key checks on (validate-config) a keystore is decrypted
 * while reading, so a wrong password or an empty file is reported at its line.
 */
public final class SignerSection {

    private SignerSection() {}

    /**
     * What {@code signers} held.
     *
     * @param remoteOracle whether the file asks for a remote aiOracle, valid or not: its vaults' policies are then the
     *                     oracle's own, and a vault's {@code oracle} section is a problem either way
     */
    record Read(Optional<KeeperConfig.Signers> signers, boolean remoteOracle) {}

    /** {@code signers}: the keeper's key, the aiOracle (its own process, or a key here) and the optional guardian. */
    static Read signers(YamlMap m) {
        Optional<SignerSpec> keeper = m.map("keeper", true).flatMap(SignerSection::read);
        Optional<YamlMap> oracleSection = m.map("aiOracle", true);
        boolean remote = oracleSection
                .flatMap(o -> o.raw("type"))
                .flatMap(n -> YamlMap.scalar(m.context(), n, m.child("aiOracle.type")))
                .filter("remote"::equals)
                .isPresent();
        Optional<KeeperConfig.OracleSpec> oracle =
                oracleSection.flatMap(o -> remote ? remote(o) : read(o).map(KeeperConfig.OracleSpec.InProcess::new));
        Optional<YamlMap> guardianSection = m.map("guardian", false);
        Optional<SignerSpec> guardian = guardianSection.flatMap(SignerSection::read);
        m.finish();
        if (keeper.isEmpty() || oracle.isEmpty() || guardian.isPresent() != guardianSection.isPresent()) {
            return new Read(Optional.empty(), remote);
        }
        return new Read(Optional.of(new KeeperConfig.Signers(keeper.get(), oracle.get(), guardian)), remote);
    }

    /** A remote aiOracle: its own process, asked over HTTP with its bearer token. */
    private static Optional<KeeperConfig.OracleSpec> remote(YamlMap m) {
        m.string("type", true);
        Optional<URI> url = m.url("url", true, Set.of("http", "https"));
        Optional<Secret> token = OperationsSections.bearerToken(m);
        m.finish();
        return url.flatMap(u -> token.map(t -> new KeeperConfig.OracleSpec.Remote(u, t)));
    }

    public static Optional<SignerSpec> read(YamlMap m) {
        Optional<String> type = m.string("type", true);
        Optional<SignerSpec> spec = Optional.empty();
        if (type.isPresent()) {
            switch (type.get()) {
                case "kms" -> {
                    Optional<String> keyId = m.string("keyId", true);
                    Optional<String> region = m.string("region", true);
                    Optional<URI> endpoint = m.url("endpoint", false, Set.of("http", "https"));
                    if (keyId.isPresent() && region.isPresent()) {
                        spec = Optional.of(new SignerSpec.Kms(keyId.get(), region.get(), endpoint));
                    }
                }
                case "keystore" -> {
                    Optional<Path> path = m.existingFile("path", true);
                    Optional<Secret> password = m.secretFromEnv("passwordEnv", true);
                    Optional<SignerSpec.Keystore> keystore =
                            path.flatMap(p -> password.map(secret -> new SignerSpec.Keystore(p, secret)));
                    if (keystore.isPresent() && m.context().checkKeys() && !decrypts(m, keystore.get())) {
                        keystore = Optional.empty();
                    }
                    spec = keystore.map(SignerSpec.class::cast);
                }
                default -> m.problem("type", "expected kms or keystore");
            }
        }
        m.finish();
        return spec;
    }

    private static boolean decrypts(YamlMap m, SignerSpec.Keystore keystore) {
        try {
            WalletUtils.loadCredentials(
                    keystore.password().reveal(), keystore.path().toFile());
            return true;
        } catch (CipherException e) {
            m.problem("path", "the keystore does not decrypt with the password passwordEnv names");
        } catch (IOException | RuntimeException e) {
            m.problem("path", "not a readable keystore file (" + e.getClass().getSimpleName() + ")");
        }
        return false;
    }
}
