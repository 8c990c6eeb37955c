package org.chipsim.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdxDatasetTest {

    // Measured from the shipped files (see src/main/resources/datasets/README.md).
    private static final int[] MNIST_COUNTS = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};
    private static final int[] UCI_COUNTS = {178, 182, 177, 183, 181, 182, 181, 179, 174, 180};

    private static IdxDataset mnist;
    private static IdxDataset uci;

    @BeforeAll
    static void loadShippedDatasets() {
        mnist = IdxDataset.loadResource("mnist-10k.idx.gz");
        uci = IdxDataset.loadResource("uci-digits.idx.gz");
    }

    @Test
    void shouldLoadShippedMnistAs10000ImagesOf28x28() {
        assertEquals(10_000, mnist.count());
        assertEquals(28, mnist.rows());
        assertEquals(28, mnist.cols());
        assertEquals(10_000 * 784, mnist.pixels().length);
    }

    @Test
    void shouldLoadShippedUciDigitsAs1797ImagesOf8x8() {
        assertEquals(1797, uci.count());
        assertEquals(8, uci.rows());
        assertEquals(8, uci.cols());
        assertEquals(1797 * 64, uci.pixels().length);
    }

    @Test
    void shouldHaveMeasuredPerClassCountsWithLabelsZeroToNine() {
        // labelCounts() has length max label + 1, so length 10 also proves every label is in 0..9.
        assertArrayEquals(MNIST_COUNTS, mnist.labelCounts());
        assertArrayEquals(UCI_COUNTS, uci.labelCounts());
    }

    @Test
    void shouldKeepMnistInNpmPackageOrderGroupedByDigit() {
        for (int i = 1; i < mnist.count(); i++) {
            assertTrue(mnist.label(i - 1) <= mnist.label(i), "labels must not decrease at image " + i);
        }
        assertEquals(0, mnist.label(0));
        assertEquals(9, mnist.label(mnist.count() - 1));
    }

    @Test
    void shouldLoadFashionMnistAsTheOfficialTestSetInFileOrder() {
        IdxDataset fashion = IdxDataset.loadResource("fashion-mnist-10k.idx.gz");
        assertEquals(10_000, fashion.count());
        assertEquals(28, fashion.rows());
        assertEquals(28, fashion.cols());
        int[] perClass = new int[10];
        java.util.Arrays.fill(perClass, 1000);
        assertArrayEquals(perClass, fashion.labelCounts());
        // the first labels of t10k-labels-idx1-ubyte: ankle boot, pullover, trouser, trouser, shirt, ...
        int[] first = {9, 2, 1, 1, 6, 1, 4, 6, 5, 7};
        for (int i = 0; i < first.length; i++) {
            assertEquals(first[i], fashion.label(i), "label of image " + i);
        }
        assertEquals(255, maxPixel(fashion));
    }

    @Test
    void shouldUseFullPixelRangeOfEachDataset() {
        assertEquals(255, maxPixel(mnist));
        assertEquals(16, maxPixel(uci));
    }

    @Test
    void shouldNormaliseImageToUnitRange() {
        float[] image = mnist.image(0, 255f);
        assertEquals(784, image.length);
        float max = 0f;
        for (int p = 0; p < image.length; p++) {
            assertTrue(image[p] >= 0f && image[p] <= 1f, "pixel " + p + " = " + image[p]);
            assertEquals(mnist.pixel(0, p) / 255f, image[p]);
            max = Math.max(max, image[p]);
        }
        assertTrue(max > 0.9f, "a real digit has near-white strokes");
        float[] reused = new float[64];
        assertTrue(reused == uci.image(5, 16f, reused), "image(i, max, dest) must fill dest");
    }

    @Test
    void shouldSliceIntoIndependentDataset() {
        IdxDataset slice = uci.slice(10, 20);
        assertEquals(10, slice.count());
        assertEquals(uci.label(10), slice.label(0));
        assertEquals(uci.pixel(19, 63), slice.pixel(9, 63));
        assertEquals(0, uci.slice(5, 5).count());
        assertThrows(IndexOutOfBoundsException.class, () -> uci.slice(0, 1798));
    }

    @Test
    void shouldRoundTripWriteThenReadIdentically() {
        for (IdxDataset original : new IdxDataset[] {uci, mnist.slice(995, 1010)}) {
            byte[] file = IdxWriter.toBytes(original);
            IdxDataset copy = IdxDataset.read(new ByteArrayInputStream(file));
            assertEquals(original.count(), copy.count());
            assertEquals(original.rows(), copy.rows());
            assertEquals(original.cols(), copy.cols());
            assertArrayEquals(original.labels(), copy.labels());
            assertArrayEquals(original.pixels(), copy.pixels());
            assertArrayEquals(file, IdxWriter.toBytes(copy), "writer output must be deterministic");
        }
    }

    @Test
    void shouldRejectTruncatedFile() throws IOException {
        byte[] payload = gunzip(IdxWriter.toBytes(uci));
        byte[] truncated = gzip(Arrays.copyOf(payload, payload.length - 30));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdxDataset.read(new ByteArrayInputStream(truncated)));
        assertTrue(e.getMessage().contains("truncated data"), e.getMessage());
        assertTrue(e.getMessage().contains("1797 images of 8x8"), e.getMessage());
    }

    @Test
    void shouldRejectTruncatedGzipStream() {
        byte[] file = IdxWriter.toBytes(uci);
        byte[] cut = Arrays.copyOf(file, file.length / 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdxDataset.read(new ByteArrayInputStream(cut)));
        assertTrue(e.getMessage().contains("gzip stream ends early"), e.getMessage());
    }

    @Test
    void shouldRejectTruncatedHeader() throws IOException {
        byte[] shortHeader = gzip(new byte[] {0x43, 0x49, 0x44});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdxDataset.read(new ByteArrayInputStream(shortHeader)));
        assertTrue(e.getMessage().contains("truncated header"), e.getMessage());
    }

    @Test
    void shouldRejectWrongMagic() throws IOException {
        byte[] payload = gunzip(IdxWriter.toBytes(uci));
        ByteBuffer.wrap(payload).putInt(0x00000803); // a real IDX image-file magic
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdxDataset.read(new ByteArrayInputStream(gzip(payload))));
        assertTrue(e.getMessage().contains("wrong magic 0x00000803"), e.getMessage());
    }

    @Test
    void shouldRejectTrailingBytes() throws IOException {
        byte[] payload = gunzip(IdxWriter.toBytes(uci.slice(0, 3)));
        byte[] longer = gzip(Arrays.copyOf(payload, payload.length + 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdxDataset.read(new ByteArrayInputStream(longer)));
        assertTrue(e.getMessage().contains("5 unexpected bytes"), e.getMessage());
    }

    @Test
    void shouldRejectNonGzipInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdxDataset.read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})));
        assertTrue(e.getMessage().contains("not a valid gzip stream"), e.getMessage());
    }

    @Test
    void shouldRejectMissingResourceByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdxDataset.loadResource("no-such.idx.gz"));
        assertTrue(e.getMessage().contains("/datasets/no-such.idx.gz"), e.getMessage());
    }

    @Test
    void shouldRejectPixelArrayOfWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> IdxDataset.of(8, 8, new byte[2], new byte[127]));
    }

    private static int maxPixel(IdxDataset data) {
        int max = 0;
        for (byte b : data.pixels()) {
            max = Math.max(max, b & 0xFF);
        }
        return max;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }
}
