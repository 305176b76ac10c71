package io.yielddelta.keeper.venues.dydx;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/** BIP-173 bech32 encoding of Cosmos account addresses ({@code dydx1…}). */
final class Bech32 {

    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

    private Bech32() {}

    static String encode(String hrp, byte[] data) {
        byte[] fiveBit = convertBits(data, 8, 5, true);
        byte[] checksum = checksum(hrp, fiveBit);
        StringBuilder out = new StringBuilder(hrp.length() + 1 + fiveBit.length + 6)
                .append(hrp)
                .append('1');
        for (byte b : fiveBit) {
            out.append(CHARSET.charAt(b));
        }
        for (byte b : checksum) {
            out.append(CHARSET.charAt(b));
        }
        return out.toString();
    }

    /** The 8-bit payload of a bech32 string, after checking its human-readable part and checksum. */
    static byte[] decode(String expectedHrp, String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        int separator = lower.lastIndexOf('1');
        if (!lower.equals(address) && !address.toUpperCase(Locale.ROOT).equals(address)
                || separator < 1
                || separator + 7 > lower.length()
                || !lower.substring(0, separator).equals(expectedHrp)) {
            throw new IllegalArgumentException("not a bech32 '" + expectedHrp + "' address: " + address);
        }
        byte[] values = new byte[lower.length() - separator - 1];
        for (int i = 0; i < values.length; i++) {
            int v = CHARSET.indexOf(lower.charAt(separator + 1 + i));
            if (v < 0) {
                throw new IllegalArgumentException("invalid bech32 character in " + address);
            }
            values[i] = (byte) v;
        }
        if (polymod(expand(expectedHrp), values) != 1) {
            throw new IllegalArgumentException("bad bech32 checksum in " + address);
        }
        byte[] data = new byte[values.length - 6];
        System.arraycopy(values, 0, data, 0, data.length);
        return convertBits(data, 5, 8, false);
    }

    private static byte[] checksum(String hrp, byte[] data) {
        byte[] withZeros = new byte[data.length + 6];
        System.arraycopy(data, 0, withZeros, 0, data.length);
        int mod = polymod(expand(hrp), withZeros) ^ 1;
        byte[] checksum = new byte[6];
        for (int i = 0; i < 6; i++) {
            checksum[i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
        }
        return checksum;
    }

    private static byte[] expand(String hrp) {
        byte[] out = new byte[hrp.length() * 2 + 1];
        for (int i = 0; i < hrp.length(); i++) {
            out[i] = (byte) (hrp.charAt(i) >> 5);
            out[i + hrp.length() + 1] = (byte) (hrp.charAt(i) & 31);
        }
        return out;
    }

    private static int polymod(byte[] hrpExpanded, byte[] values) {
        int chk = 1;
        for (byte[] part : new byte[][] {hrpExpanded, values}) {
            for (byte v : part) {
                int top = chk >>> 25;
                chk = ((chk & 0x1ffffff) << 5) ^ v;
                for (int i = 0; i < 5; i++) {
                    if (((top >>> i) & 1) != 0) {
                        chk ^= GENERATOR[i];
                    }
                }
            }
        }
        return chk;
    }

    private static byte[] convertBits(byte[] data, int from, int to, boolean pad) {
        int acc = 0;
        int bits = 0;
        int maxv = (1 << to) - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * from / to + 1);
        for (byte b : data) {
            acc = (acc << from) | (b & 0xff);
            bits += from;
            while (bits >= to) {
                bits -= to;
                out.write((acc >>> bits) & maxv);
            }
        }
        if (pad) {
            if (bits > 0) {
                out.write((acc << (to - bits)) & maxv);
            }
        } else if (bits >= from || ((acc << (to - bits)) & maxv) != 0) {
            throw new IllegalArgumentException("invalid bech32 padding");
        }
        return out.toByteArray();
    }
}
