package io.yielddelta.keeper.app.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.yielddelta.keeper.contracts.generated.Multicall3;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.utils.Numeric;

/** The hand-written codec against web3j's generic one (the reference), on random calls and results. */
class Aggregate3CodecTest {

    private final Random random = new Random(11);

    private byte[] bytes(int max) {
        byte[] b = new byte[random.nextInt(max + 1)];
        random.nextBytes(b);
        return b;
    }

    @Test
    void encodesExactlyAsWeb3jDoes() {
        for (int n : new int[] {0, 1, 2, 7, 40}) {
            List<String> targets = new ArrayList<>();
            List<byte[]> data = new ArrayList<>();
            List<Multicall3.Call3> reference = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] address = new byte[20];
                random.nextBytes(address);
                targets.add(Numeric.toHexString(address));
                data.add(bytes(100));
                reference.add(new Multicall3.Call3(targets.get(i), true, data.get(i)));
            }
            String expected = FunctionEncoder.encode(new Function(
                    "aggregate3", List.of(new DynamicArray<>(Multicall3.Call3.class, reference)), List.of()));
            assertEquals(expected, Numeric.toHexString(Aggregate3Codec.encode(targets, data)), "n=" + n);
        }
    }

    @Test
    void decodesWhatWeb3jEncodes() {
        for (int n : new int[] {0, 1, 3, 50}) {
            List<Multicall3.Result> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                results.add(new Multicall3.Result(random.nextBoolean(), bytes(130)));
            }
            byte[] abi = Numeric.hexStringToByteArray(
                    FunctionEncoder.encodeConstructor(List.of(new DynamicArray<>(Multicall3.Result.class, results))));
            List<Aggregate3Codec.Raw> decoded = Aggregate3Codec.decode(abi, n);
            for (int i = 0; i < n; i++) {
                assertEquals(results.get(i).success, decoded.get(i).success());
                assertArrayEquals(results.get(i).returnData, decoded.get(i).returnData());
            }
        }
    }

    @Test
    void refusesTruncatedOrMiscountedData() {
        List<Multicall3.Result> two =
                List.of(new Multicall3.Result(true, new byte[64]), new Multicall3.Result(false, new byte[4]));
        byte[] abi = Numeric.hexStringToByteArray(
                FunctionEncoder.encodeConstructor(List.of(new DynamicArray<>(Multicall3.Result.class, two))));
        assertThrows(IllegalArgumentException.class, () -> Aggregate3Codec.decode(abi, 3));
        assertThrows(
                IllegalArgumentException.class, () -> Aggregate3Codec.decode(Arrays.copyOf(abi, abi.length - 40), 2));
    }
}
