package io.yielddelta.keeper.venues.hyperliquid;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The subset of MessagePack that Hyperliquid hashes actions with, written the way the Python SDK's {@code msgpack.packb}
 * writes them: map keys in insertion order (never sorted), integers in their smallest encoding (non-negative values as
 * unsigned), strings as fixstr/str8/str16/str32.
 *
 * <p>Accepts {@link Map} (iteration order is kept, so pass a {@link java.util.LinkedHashMap}), {@link List}, records
 * (components in declaration order, null components left out, as the SDK leaves out absent optional keys),
 * {@link CharSequence}, {@link Boolean}, {@link Integer}, {@link Long}, {@link BigInteger} (up to uint64) and null.
 * Floating-point values are refused: the SDK never hashes a float, prices and sizes travel as strings.
 */
final class MsgPackWriter {

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private static final ClassValue<List<Component>> RECORD_COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            List<Component> components = new ArrayList<>();
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            for (RecordComponent rc : type.getRecordComponents()) {
                try {
                    java.lang.reflect.Method accessor = rc.getAccessor();
                    accessor.setAccessible(true); // records nested in non-public classes
                    components.add(new Component(rc.getName(), lookup.unreflect(accessor)));
                } catch (IllegalAccessException | RuntimeException e) {
                    throw new IllegalArgumentException("cannot read record " + type.getName(), e);
                }
            }
            return List.copyOf(components);
        }
    };

    private record Component(String name, MethodHandle accessor) {}

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    private MsgPackWriter() {}

    static byte[] pack(Object value) {
        MsgPackWriter writer = new MsgPackWriter();
        writer.write(value);
        return writer.out.toByteArray();
    }

    private void write(Object value) {
        switch (value) {
            case null -> out.write(0xc0);
            case Boolean b -> out.write(b ? 0xc3 : 0xc2);
            case Integer i -> writeLong(i);
            case Long l -> writeLong(l);
            case BigInteger big -> writeBigInteger(big);
            case CharSequence s -> writeString(s.toString());
            case Map<?, ?> map -> writeMap(map);
            case List<?> list -> writeList(list);
            case Record record -> writeRecord(record);
            default ->
                throw new IllegalArgumentException(
                        "cannot msgpack a " + value.getClass().getName());
        }
    }

    private void writeMap(Map<?, ?> map) {
        writeHeader(map.size(), 0x80, 0xde, 0xdf);
        for (Map.Entry<?, ?> e : map.entrySet()) {
            writeString((String) e.getKey());
            write(e.getValue());
        }
    }

    private void writeRecord(Record record) {
        List<Component> components = RECORD_COMPONENTS.get(record.getClass());
        Object[] values = new Object[components.size()];
        int present = 0;
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = components.get(i).accessor().invoke(record);
            } catch (Throwable e) {
                throw new IllegalStateException(
                        "cannot read record component " + components.get(i).name(), e);
            }
            if (values[i] != null) {
                present++;
            }
        }
        writeHeader(present, 0x80, 0xde, 0xdf);
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                writeString(components.get(i).name());
                write(values[i]);
            }
        }
    }

    private void writeList(List<?> list) {
        writeHeader(list.size(), 0x90, 0xdc, 0xdd);
        for (Object item : list) {
            write(item);
        }
    }

    /** fixmap/fixarray up to 15 entries, then the 16- and 32-bit forms. */
    private void writeHeader(int size, int fixPrefix, int prefix16, int prefix32) {
        if (size <= 15) {
            out.write(fixPrefix | size);
        } else if (size <= 0xffff) {
            out.write(prefix16);
            writeBigEndian(size, 2);
        } else {
            out.write(prefix32);
            writeBigEndian(size, 4);
        }
    }

    private void writeString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        int n = utf8.length;
        if (n <= 31) {
            out.write(0xa0 | n);
        } else if (n <= 0xff) {
            out.write(0xd9);
            out.write(n);
        } else if (n <= 0xffff) {
            out.write(0xda);
            writeBigEndian(n, 2);
        } else {
            out.write(0xdb);
            writeBigEndian(n, 4);
        }
        out.write(utf8, 0, n);
    }

    private void writeLong(long v) {
        if (v >= 0) {
            if (v <= 0x7f) {
                out.write((int) v);
            } else if (v <= 0xff) {
                out.write(0xcc);
                out.write((int) v);
            } else if (v <= 0xffff) {
                out.write(0xcd);
                writeBigEndian(v, 2);
            } else if (v <= 0xffffffffL) {
                out.write(0xce);
                writeBigEndian(v, 4);
            } else {
                out.write(0xcf);
                writeBigEndian(v, 8);
            }
        } else if (v >= -32) {
            out.write((int) (v & 0xff));
        } else if (v >= Byte.MIN_VALUE) {
            out.write(0xd0);
            out.write((int) (v & 0xff));
        } else if (v >= Short.MIN_VALUE) {
            out.write(0xd1);
            writeBigEndian(v, 2);
        } else if (v >= Integer.MIN_VALUE) {
            out.write(0xd2);
            writeBigEndian(v, 4);
        } else {
            out.write(0xd3);
            writeBigEndian(v, 8);
        }
    }

    private void writeBigInteger(BigInteger v) {
        if (v.bitLength() < 64) {
            writeLong(v.longValue());
        } else if (v.signum() > 0 && v.compareTo(UINT64_MAX) <= 0) {
            out.write(0xcf);
            writeBigEndian(v.longValue(), 8);
        } else {
            throw new IllegalArgumentException("integer out of msgpack range: " + v);
        }
    }

    private void writeBigEndian(long v, int bytes) {
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift) & 0xff);
        }
    }
}
