package io.lido.ipc.state;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionValueCodecTest {

    @Test
    void everyAllowedTypeRoundTrips() {
        Map<String, Object> items = new LinkedHashMap<>();
        items.put("nothing", null);
        items.put("name", "Zoë ✓");
        items.put("yes", true);
        items.put("no", false);
        items.put("count", 42);
        items.put("big", Long.MIN_VALUE);
        items.put("ratio", -0.5e-300);
        items.put("nan", Double.NaN);
        items.put("raw", new byte[]{0, 1, (byte) 255});
        items.put("when", Instant.parse("2026-11-21T15:47:17.123456789Z"));
        items.put("cart", List.of("a", 1, List.of(Map.of("sku", 7L))));
        items.put("profile", Map.of("tags", List.of(), "seen", Instant.EPOCH));
        items.put("", "");

        Map<String, Object> back = SessionValueCodec.decode(SessionValueCodec.encode(items));

        assertThat(back).containsOnlyKeys(items.keySet()).containsKeys("nothing");
        assertThat(List.copyOf(back.keySet())).as("order kept").isEqualTo(List.copyOf(items.keySet()));
        assertThat(back.get("name")).isEqualTo("Zoë ✓");
        assertThat(back.get("yes")).isEqualTo(Boolean.TRUE);
        assertThat(back.get("count")).isInstanceOf(Integer.class).isEqualTo(42);
        assertThat(back.get("big")).isInstanceOf(Long.class).isEqualTo(Long.MIN_VALUE);
        assertThat(back.get("ratio")).isEqualTo(-0.5e-300);
        assertThat((Double) back.get("nan")).isNaN();
        assertThat((byte[]) back.get("raw")).containsExactly(0, 1, 255);
        assertThat(back.get("when")).isEqualTo(items.get("when"));
        assertThat(back.get("cart")).isEqualTo(items.get("cart"));
        assertThat(back.get("profile")).isEqualTo(items.get("profile"));
    }

    @Test
    void decodedContainersAreMutableCopies() {
        Map<String, Object> back = SessionValueCodec.decode(SessionValueCodec.encode(Map.of("list", List.of(1))));
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) back.get("list");
        list.add(2);
        back.put("new", "x");
        assertThat(back).containsEntry("list", List.of(1, 2));
    }

    @Test
    void anApplicationClassIsRefusedNamingTheKeyAndTheClass() {
        record Cart(int items) {
        }
        assertThatThrownBy(() -> SessionValueCodec.encode(Map.of("cart", new Cart(2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("session value 'cart' of type " + Cart.class.getName()
                        + " cannot be stored by StateServer; allowed: null, String, Boolean, Integer, Long, Double");
        assertThatThrownBy(() -> SessionValueCodec.encode(Map.of("basket", List.of("a", Map.of("x", 1.5f)))))
                .hasMessageContaining("session value 'basket' (at basket[1].x) of type java.lang.Float");
        assertThatThrownBy(() -> SessionValueCodec.encode(Map.of("m", Map.of(1, "one"))))
                .hasMessageContaining("session value 'm' has a map key of type java.lang.Integer");
    }

    @Test
    void aListContainingItselfIsRefusedByTheDepthLimit() {
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        assertThatThrownBy(() -> SessionValueCodec.encode(Map.of("loop", loop)))
                .hasMessageContaining("session value 'loop' nests lists and maps more than 32 levels deep");
    }

    @Test
    void deepButAllowedNestingRoundTrips() {
        Object value = "leaf";
        for (int i = 0; i < SessionValueCodec.MAX_DEPTH; i++) {
            value = List.of(value);
        }
        Map<String, Object> items = Map.of("deep", value);
        assertThat(SessionValueCodec.decode(SessionValueCodec.encode(items))).isEqualTo(items);
    }

    @Test
    void hostileBytesAreRefusedWithoutHugeAllocations() {
        assertMalformed(new byte[0], "ends early");
        assertMalformed(new byte[]{9}, "format version 9");
        // One item whose count claims two billion entries.
        assertMalformed(bytes(b -> b.put((byte) 1).putInt(Integer.MAX_VALUE)), "length 2147483647");
        // A string length past the end.
        assertMalformed(bytes(b -> b.put((byte) 1).putInt(1).putInt(1000).put((byte) 'k')), "length 1000");
        // Unknown tag.
        assertMalformed(bytes(b -> b.put((byte) 1).putInt(1).putInt(1).put((byte) 'k').put((byte) 99)),
                "unknown value tag 99");
        // A list that claims a million elements in a few bytes.
        assertMalformed(bytes(b -> b.put((byte) 1).putInt(1).putInt(1).put((byte) 'k').put((byte) 9)
                .putInt(1_000_000)), "length 1000000");
        // Invalid UTF-8 in a key.
        assertMalformed(bytes(b -> b.put((byte) 1).putInt(1).putInt(1).put((byte) 0xff).put((byte) 0)),
                "not valid UTF-8");
        // Trailing garbage.
        byte[] good = SessionValueCodec.encode(Map.of("a", 1));
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        assertMalformed(longer, "1 bytes after the last item");
        // Nesting past the limit, hand-built (the encoder never writes it).
        assertMalformed(bytes(b -> {
            b.put((byte) 1).putInt(1).putInt(1).put((byte) 'k');
            for (int i = 0; i < 40; i++) {
                b.put((byte) 9).putInt(1);
            }
            b.put((byte) 0);
        }), "nest more than 32 levels");
        // Duplicate keys and a bad instant.
        assertMalformed(bytes(b -> b.put((byte) 1).putInt(2).putInt(1).put((byte) 'k').put((byte) 0)
                .putInt(1).put((byte) 'k').put((byte) 0)), "key 'k' appears twice");
        assertMalformed(bytes(b -> b.put((byte) 1).putInt(1).putInt(1).put((byte) 'k').put((byte) 8)
                .putLong(Long.MAX_VALUE).putInt(0)), "instant out of range");
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButIllegalArgument() {
        Random random = new Random(4);
        byte[] valid = SessionValueCodec.encode(Map.of("cart", List.of("a", 1L, Map.of("b", new byte[9]))));
        for (int i = 0; i < 20_000; i++) {
            byte[] data = valid.clone();
            data[random.nextInt(data.length)] = (byte) random.nextInt();
            if (random.nextBoolean()) {
                data = java.util.Arrays.copyOf(data, random.nextInt(data.length + 1));
            }
            try {
                SessionValueCodec.decode(data);
            } catch (IllegalArgumentException expected) {
                assertThat(expected).hasMessageStartingWith("malformed session data: ");
            }
        }
    }

    private static void assertMalformed(byte[] data, String why) {
        assertThatThrownBy(() -> SessionValueCodec.decode(data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("malformed session data: ")
                .hasMessageContaining(why);
    }

    private static byte[] bytes(java.util.function.Consumer<ByteBuffer> writer) {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        writer.accept(buffer);
        return java.util.Arrays.copyOf(buffer.array(), buffer.position());
    }
}
