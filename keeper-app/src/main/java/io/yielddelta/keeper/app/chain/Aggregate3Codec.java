package io.yielddelta.keeper.app.chain;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Encodes Multicall3's {@code aggregate3((address target, bool allowFailure, bytes callData)[])} call and decodes its
 * {@code (bool success, bytes returnData)[]} result straight from ABI bytes. web3j's generic struct-array codec
 * takes seconds for a few thousand elements (reflection per element); the layout is fixed, so it is written and read
 * directly, with every offset checked against the data.
 */
final class Aggregate3Codec {

    /** aggregate3((address,bool,bytes)[]) */
    private static final byte[] SELECTOR =
            Arrays.copyOf(Hash.sha3("aggregate3((address,bool,bytes)[])".getBytes(StandardCharsets.US_ASCII)), 4);

    /** One call's raw outcome. */
    record Raw(boolean success, byte[] returnData) {}

    private Aggregate3Codec() {}

    /** The calldata of aggregate3 with allowFailure = true for every call. */
    static byte[] encode(List<String> targets, List<byte[]> callData) {
        int n = targets.size();
        int[] tupleSizes = new int[n];
        int total = 4 + 32 + 32 + 32 * n;
        for (int i = 0; i < n; i++) {
            tupleSizes[i] = 32 * 4 + padded(callData.get(i).length);
            total += tupleSizes[i];
        }
        ByteBuffer out = ByteBuffer.allocate(total);
        out.put(SELECTOR);
        putWord(out, 32);
        putWord(out, n);
        int next = 32 * n;
        for (int i = 0; i < n; i++) {
            putWord(out, next);
            next += tupleSizes[i];
        }
        for (int i = 0; i < n; i++) {
            byte[] address = Numeric.hexStringToByteArray(targets.get(i));
            if (address.length != 20) {
                throw new IllegalArgumentException("not an address: " + targets.get(i));
            }
            out.put(new byte[12]).put(address);
            putWord(out, 1);
            putWord(out, 96);
            byte[] data = callData.get(i);
            putWord(out, data.length);
            out.put(data).put(new byte[padded(data.length) - data.length]);
        }
        return out.array();
    }

    private static int padded(int length) {
        return (length + 31) / 32 * 32;
    }

    private static void putWord(ByteBuffer out, long value) {
        out.put(new byte[24]).putLong(value);
    }

    static List<Raw> decode(byte[] abi, int expected) {
        int array = offset(abi, 0, 0);
        int length = offset(abi, array, 0);
        if (length != expected) {
            throw new IllegalArgumentException("aggregate3 returned " + length + " results for " + expected + " calls");
        }
        int heads = array + 32;
        List<Raw> results = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            int tuple = heads + offset(abi, heads + 32 * i, 0);
            boolean success = word(abi, tuple).signum() != 0;
            int bytes = tuple + offset(abi, tuple + 32, 0);
            int size = offset(abi, bytes, 0);
            int start = bytes + 32;
            if (start + size > abi.length) {
                throw new IllegalArgumentException("aggregate3 result " + i + " runs past the data");
            }
            results.add(new Raw(success, Arrays.copyOfRange(abi, start, start + size)));
        }
        return results;
    }

    /** A 32-byte word at {@code at} read as a non-negative int (an offset or a length) that fits the data. */
    private static int offset(byte[] abi, int at, int base) {
        BigInteger value = word(abi, at);
        if (value.bitLength() > 31 || base + value.intValue() > abi.length) {
            throw new IllegalArgumentException("aggregate3 data has an offset or length out of range at byte " + at);
        }
        return value.intValue();
    }

    private static BigInteger word(byte[] abi, int at) {
        if (at < 0 || at + 32 > abi.length) {
            throw new IllegalArgumentException(
                    "aggregate3 data too short: needs byte " + (at + 32) + ", has " + abi.length);
        }
        return new BigInteger(1, Arrays.copyOfRange(abi, at, at + 32));
    }
}
