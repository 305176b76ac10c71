package io.yielddelta.keeper.app.signing;

import io.yielddelta.keeper.app.config.Secret;
import io.yielddelta.keeper.core.signing.Signature;
import io.yielddelta.keeper.core.signing.Signer;
import io.yielddelta.keeper.core.signing.SigningException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;
import org.web3j.utils.Numeric;

/**
 * Signs with a key from an encrypted JSON keystore (Web3 Secret Storage), for development and the sandbox. The
 * password comes from an environment variable whose <em>name</em> is configured, so it is never in a file.
 */
public final class KeystoreSigner implements Signer {

    private final ECKeyPair keyPair;
    private final String address;

    private KeystoreSigner(ECKeyPair keyPair, String address) {
        this.keyPair = keyPair;
        this.address = address;
    }

    /** Opens the keystore with the password held in the environment variable {@code passwordVariable}. */
    public static KeystoreSigner open(Path keystore, String passwordVariable) {
        return open(keystore, passwordVariable, System::getenv);
    }

    static KeystoreSigner open(Path keystore, String passwordVariable, UnaryOperator<String> environment) {
        String password = environment.apply(passwordVariable);
        if (password == null) {
            throw new SigningException("keystore " + keystore + ": environment variable " + passwordVariable
                    + " (its password) is not set");
        }
        return decrypt(keystore, password, "the password in " + passwordVariable);
    }

    /** Opens the keystore with a password the configuration has already read. */
    public static KeystoreSigner open(Path keystore, Secret password) {
        return decrypt(keystore, password.reveal(), "the configured password");
    }

    private static KeystoreSigner decrypt(Path keystore, String password, String passwordSource) {
        try {
            var credentials = WalletUtils.loadCredentials(password, keystore.toFile());
            return new KeystoreSigner(
                    credentials.getEcKeyPair(), credentials.getAddress().toLowerCase());
        } catch (CipherException e) {
            throw new SigningException("keystore " + keystore + ": cannot decrypt it with " + passwordSource);
        } catch (IOException e) {
            throw new SigningException("keystore " + keystore + ": cannot read it: " + e.getMessage(), e);
        }
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
        // web3j signs the digest as given (needToHash = false) and already returns low s and v = 27/28.
        Sign.SignatureData data = Sign.signMessage(digest, keyPair, false);
        return new Signature(Numeric.toBigInt(data.getR()), Numeric.toBigInt(data.getS()), data.getV()[0]);
    }

    @Override
    public String toString() {
        return "KeystoreSigner[" + address + "]";
    }
}
