package io.polaroid.engine.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** {@link ChunkBuffers}: a released buffer is handed out again, the smallest that fits first, up to the limit. */
class ChunkBuffersTest {

    @Test
    void handsOutTheSmallestIdleBufferThatFitsWithTheAskedLimit() {
        ChunkBuffers pool = new ChunkBuffers(1 << 20);
        ByteBuffer big = pool.allocate(4000);
        ByteBuffer small = pool.allocate(1000);
        big.put(new byte[100]);
        pool.release(big);
        pool.release(small);
        assertThat(pool.idleBytes()).isEqualTo(5000);

        ByteBuffer again = pool.allocate(900);
        assertThat(again).isSameAs(small);
        assertThat(again.position()).isZero();
        assertThat(again.limit()).isEqualTo(900);
        ByteBuffer next = pool.allocate(3000);
        assertThat(next).isSameAs(big);
        assertThat(next.position()).isZero();
        assertThat(next.remaining()).isEqualTo(3000);
        assertThat(pool.idleBytes()).isZero();
        assertThat(pool.allocate(10)).isNotSameAs(small).isNotSameAs(big);
    }

    @Test
    void keepsNoMoreThanItsLimitAndRefusesABufferReleasedTwice() {
        ChunkBuffers pool = new ChunkBuffers(1500);
        ByteBuffer a = pool.allocate(1000);
        ByteBuffer b = pool.allocate(1000);
        pool.release(a);
        pool.release(b);
        assertThat(pool.idleBytes()).isEqualTo(1000);
        assertThatThrownBy(() -> pool.release(a)).isInstanceOf(IllegalStateException.class);
        pool.release(ByteBuffer.allocateDirect(10));
        assertThat(pool.idleBytes()).isEqualTo(1000);
    }
}
