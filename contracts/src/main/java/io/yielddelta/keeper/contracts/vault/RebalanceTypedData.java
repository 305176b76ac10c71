package io.yielddelta.keeper.contracts.vault;

import io.yielddelta.keeper.contracts.generated.YieldDeltaVault.RebalanceParams;
import java.nio.charset.StandardCharsets;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The EIP-712 digest the aiOracle signs for {@code YieldDeltaVault.rebalance}, computed off-chain. The domain is
 * {name "YieldDeltaVault", version "1", chainId, verifyingContract = the vault} (no salt); the vault's
 * {@code rebalanceDigest(params)} and {@code eip712Domain()} views return the same for checking.
 */
public final class RebalanceTypedData {
    public static final String DOMAIN_NAME = "YieldDeltaVault";
    public static final String DOMAIN_VERSION = "1";
    public static final String DOMAIN_TYPE =
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";
    public static final String REBALANCE_TYPE = "Rebalance(int24 tickLower,int24 tickUpper,bool zeroForOne,"
            + "uint256 swapAmountIn,uint256 swapAmountOutMin,uint256 amount0Min,uint256 amount1Min,uint256 deadline,"
            + "uint256 nonce)";
    /**
     * tickLower and tickUpper of a rebalance that leaves the pool: the empty range [0, 0) places nothing, and the
     * vault holds everything idle. Same type, same digest rules.
     */
    public static final int IDLE_TICK = 0;

    private RebalanceTypedData() {}

    public static byte[] domainSeparator(long chainId, String vault) {
        return keccak(
                typeHash(DOMAIN_TYPE),
                keccakUtf8(DOMAIN_NAME),
                keccakUtf8(DOMAIN_VERSION),
                Numeric.hexStringToByteArray(TypeEncoder.encode(new Uint256(chainId))),
                Numeric.hexStringToByteArray(TypeEncoder.encode(new Address(vault))));
    }

    /** hashStruct: every field of the static struct is one 32-byte word (int24 sign-extended, bool 0/1). */
    public static byte[] structHash(RebalanceParams params) {
        return keccak(typeHash(REBALANCE_TYPE), Numeric.hexStringToByteArray(TypeEncoder.encode(params)));
    }

    /** keccak256(0x1901 ‖ domainSeparator ‖ structHash): sign this digest as it is (no message prefix). */
    public static byte[] digest(long chainId, String vault, RebalanceParams params) {
        return keccak(new byte[] {0x19, 0x01}, domainSeparator(chainId, vault), structHash(params));
    }

    public static byte[] typeHash(String type) {
        return keccakUtf8(type);
    }

    private static byte[] keccakUtf8(String text) {
        return Hash.sha3(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] keccak(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) length += part.length;
        byte[] joined = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, offset, part.length);
            offset += part.length;
        }
        return Hash.sha3(joined);
    }
}
