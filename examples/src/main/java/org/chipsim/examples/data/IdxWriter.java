package org.chipsim.examples.data;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes {@link IdxDataset}s in the gzip-compressed format documented on {@link IdxDataset}.
 *
 * <p>Output is deterministic for a given zlib build: the JDK's gzip header carries no timestamp or
 * file name, so regenerating a shipped file reproduces its SHA-256 unless zlib itself changed.
 */
public final class IdxWriter {

    private static final int BUFFER_BYTES = 1 << 16;

    private IdxWriter() {
    }

    /** Writes {@code data} as a complete gzip stream to {@code out}; {@code out} is flushed, not closed. */
    public static void write(IdxDataset data, OutputStream out) throws IOException {
        // Closing the gzip stream is the only way to free its Deflater's native memory, so shield the
        // caller's stream from that close.
        OutputStream shield = new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len); // FilterOutputStream would otherwise write byte by byte
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
        // Best compression: the files live in git, and decompression speed does not depend on level.
        try (GZIPOutputStream gz = new GZIPOutputStream(shield, BUFFER_BYTES) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(ByteBuffer.allocate(IdxDataset.HEADER_BYTES) // big-endian by default
                    .putInt(IdxDataset.MAGIC)
                    .putInt(data.count())
                    .putInt(data.rows())
                    .putInt(data.cols())
                    .array());
            byte[] labels = data.labelsNoCopy();
            byte[] pixels = data.pixelsNoCopy();
            int size = data.imageSize();
            // One reused record buffer: single-byte writes to a GZIPOutputStream allocate per call.
            byte[] record = new byte[size + 1];
            for (int i = 0; i < labels.length; i++) {
                record[0] = labels[i];
                System.arraycopy(pixels, i * size, record, 1, size);
                gz.write(record);
            }
        }
    }

    /** Writes {@code data} to {@code file}, replacing it if it exists. */
    public static void write(IdxDataset data, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(data, out);
        }
    }

    /** The complete compressed file contents of {@code data}; handy for tests and checksums. */
    public static byte[] toBytes(IdxDataset data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(data, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen for an in-memory stream
        }
        return out.toByteArray();
    }
}
