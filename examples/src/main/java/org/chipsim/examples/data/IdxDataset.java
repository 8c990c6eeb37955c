package org.chipsim.examples.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * An immutable set of labelled grey-scale images, as stored in the compact IDX-style files shipped
 * under {@code /datasets/} on the classpath (provenance and licences: {@code datasets/README.md}).
 *
 * <p>File format. The whole file is one gzip stream; integers are big-endian int32:
 * <pre>
 *   offset  0  magic  0x43494458 (ASCII "CIDX")
 *   offset  4  count  number of images, &gt;= 0
 *   offset  8  rows   image height, 1..MAX_SIDE
 *   offset 12  cols   image width,  1..MAX_SIDE
 *   offset 16  count records, each: 1 label byte, then rows*cols unsigned pixel bytes (row-major)
 * </pre>
 * The magic deliberately differs from LeCun's IDX magics (0x00000801 / 0x00000803): labels and
 * pixels are interleaved here, so a reader of real IDX files must not mistake this file for its own.
 *
 * <p>Pixels are kept as one image-major, row-major {@code byte[]} rather than {@code float[][]}
 * because that is 4x smaller and lets callers normalise into a reused buffer
 * ({@link #image(int, float, float[])}).
 */
public final class IdxDataset {

    /** "CIDX": chipsim IDX-style dataset. */
    public static final int MAGIC = 0x43494458;
    /** Header size in bytes (magic, count, rows, cols). */
    public static final int HEADER_BYTES = 16;
    /** Largest accepted image side; generous for examples, small enough to catch a garbage header. */
    public static final int MAX_SIDE = 4096;

    private final int count;
    private final int rows;
    private final int cols;
    private final byte[] labels;
    private final byte[] pixels;

    /** Takes ownership of the arrays; callers have already validated and copied them. */
    private IdxDataset(int rows, int cols, byte[] labels, byte[] pixels) {
        this.count = labels.length;
        this.rows = rows;
        this.cols = cols;
        this.labels = labels;
        this.pixels = pixels;
    }

    /**
     * Creates a dataset from copies of the given arrays.
     *
     * @param labels one label byte per image
     * @param pixels {@code labels.length * rows * cols} unsigned pixel bytes, image-major, row-major
     */
    public static IdxDataset of(int rows, int cols, byte[] labels, byte[] pixels) {
        checkSide("", "rows", rows);
        checkSide("", "cols", cols);
        long expected = (long) labels.length * rows * cols;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("pixel array has " + pixels.length + " bytes, expected "
                    + expected + " for " + labels.length + " images of " + rows + "x" + cols);
        }
        return new IdxDataset(rows, cols, labels.clone(), pixels.clone());
    }

    /**
     * Reads a gzip-compressed dataset and closes the stream.
     *
     * @throws IllegalArgumentException if the data is not a valid dataset (bad gzip, wrong magic,
     *     impossible header, truncated or trailing data); the message names the problem
     * @throws UncheckedIOException if the underlying stream fails for other reasons
     */
    public static IdxDataset read(InputStream gz) {
        Objects.requireNonNull(gz, "gz");
        byte[] raw;
        // Read everything first: the payload is small (MNIST 10k is 7.85 MB), and sizing arrays from
        // the actual byte count means a lying header cannot trigger a huge allocation.
        try (InputStream in = new GZIPInputStream(gz, 1 << 16)) {
            raw = in.readAllBytes();
        } catch (EOFException e) {
            throw new IllegalArgumentException("corrupt dataset: gzip stream ends early (file truncated?)", e);
        } catch (ZipException e) {
            throw new IllegalArgumentException("corrupt dataset: not a valid gzip stream (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dataset: " + e.getMessage(), e);
        }
        return parse(raw);
    }

    /** Loads {@code /datasets/NAME} from the classpath, e.g. {@code loadResource("mnist-10k.idx.gz")}. */
    public static IdxDataset loadResource(String name) {
        String path = "/datasets/" + Objects.requireNonNull(name, "name");
        InputStream in = IdxDataset.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalArgumentException("no dataset resource on the classpath: " + path);
        }
        return read(in);
    }

    /** Parses the decompressed bytes: header, then {@code count} (label, pixels) records. */
    private static IdxDataset parse(byte[] raw) {
        if (raw.length < HEADER_BYTES) {
            throw new IllegalArgumentException("corrupt dataset: truncated header (" + raw.length
                    + " of " + HEADER_BYTES + " bytes)");
        }
        ByteBuffer header = ByteBuffer.wrap(raw, 0, HEADER_BYTES); // big-endian by default
        int magic = header.getInt();
        if (magic != MAGIC) {
            throw new IllegalArgumentException(String.format(
                    "corrupt dataset: wrong magic 0x%08X, expected 0x%08X (\"CIDX\")", magic, MAGIC));
        }
        int count = header.getInt();
        int rows = header.getInt();
        int cols = header.getInt();
        if (count < 0) {
            throw new IllegalArgumentException("corrupt dataset: negative image count " + count);
        }
        checkSide("corrupt dataset: ", "rows", rows);
        checkSide("corrupt dataset: ", "cols", cols);
        int size = rows * cols;
        long expected = (long) count * (size + 1);
        long actual = raw.length - HEADER_BYTES;
        if (actual < expected) {
            throw new IllegalArgumentException(String.format(
                    "corrupt dataset: truncated data, header promises %d images of %dx%d (%d bytes)"
                            + " but only %d bytes follow", count, rows, cols, expected, actual));
        }
        if (actual > expected) {
            throw new IllegalArgumentException(String.format(
                    "corrupt dataset: %d unexpected bytes after the last of %d images", actual - expected, count));
        }
        // expected <= raw.length here, so count * size cannot overflow an int.
        byte[] labels = new byte[count];
        byte[] pixels = new byte[count * size];
        int src = HEADER_BYTES;
        for (int i = 0; i < count; i++) {
            labels[i] = raw[src];
            System.arraycopy(raw, src + 1, pixels, i * size, size);
            src += size + 1;
        }
        return new IdxDataset(rows, cols, labels, pixels);
    }

    private static void checkSide(String prefix, String what, int value) {
        if (value < 1 || value > MAX_SIDE) {
            throw new IllegalArgumentException(prefix + what + " = " + value
                    + " is outside 1.." + MAX_SIDE);
        }
    }

    public int count() {
        return count;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Pixels per image, {@code rows * cols}. */
    public int imageSize() {
        return rows * cols;
    }

    /** Label of image {@code image} as an unsigned value (0..255). */
    public int label(int image) {
        return labels[Objects.checkIndex(image, count)] & 0xFF;
    }

    /** Unsigned value of pixel {@code index} (row-major, {@code row * cols + col}) of image {@code image}. */
    public int pixel(int image, int index) {
        Objects.checkIndex(image, count);
        return pixels[image * imageSize() + Objects.checkIndex(index, imageSize())] & 0xFF;
    }

    /** Image {@code i} as a new array of {@code pixel / maxValue}, clamped to [0,1]. */
    public float[] image(int i, float maxValue) {
        return image(i, maxValue, new float[imageSize()]);
    }

    /**
     * Writes image {@code i} as {@code pixel / maxValue}, clamped to [0,1], into {@code dest} and
     * returns it; use this in training loops to avoid one allocation per sample.
     *
     * @param maxValue the value that maps to 1.0: 255 for MNIST, 16 for the UCI digits
     */
    public float[] image(int i, float maxValue, float[] dest) {
        Objects.checkIndex(i, count);
        if (!(maxValue > 0f)) {
            throw new IllegalArgumentException("maxValue must be > 0, got " + maxValue);
        }
        int size = imageSize();
        if (dest.length < size) {
            throw new IllegalArgumentException("dest has " + dest.length + " elements, need " + size);
        }
        int base = i * size;
        for (int p = 0; p < size; p++) {
            // Divide rather than multiply by 1/maxValue so that pixel == maxValue gives exactly 1.0f.
            dest[p] = Math.min(1f, (pixels[base + p] & 0xFF) / maxValue);
        }
        return dest;
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive) as a new, independent dataset. */
    public IdxDataset slice(int from, int to) {
        Objects.checkFromToIndex(from, to, count);
        int size = imageSize();
        return new IdxDataset(rows, cols, Arrays.copyOfRange(labels, from, to),
                Arrays.copyOfRange(pixels, from * size, to * size));
    }

    /** Number of images per label value; the array length is the largest label + 1 (0 if empty). */
    public int[] labelCounts() {
        int max = -1;
        for (byte b : labels) {
            max = Math.max(max, b & 0xFF);
        }
        int[] counts = new int[max + 1];
        for (byte b : labels) {
            counts[b & 0xFF]++;
        }
        return counts;
    }

    /** A copy of all labels. */
    public byte[] labels() {
        return labels.clone();
    }

    /** A copy of all pixels, image-major and row-major. */
    public byte[] pixels() {
        return pixels.clone();
    }

    /** The internal label array, not copied, for {@link IdxWriter}; must not be modified. */
    byte[] labelsNoCopy() {
        return labels;
    }

    /** The internal pixel array, not copied, for {@link IdxWriter}; must not be modified. */
    byte[] pixelsNoCopy() {
        return pixels;
    }

    @Override
    public String toString() {
        return "IdxDataset[" + count + " images of " + rows + "x" + cols + "]";
    }
}
