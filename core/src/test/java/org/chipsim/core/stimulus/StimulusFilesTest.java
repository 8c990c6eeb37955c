package org.chipsim.core.stimulus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.chipsim.core.ModelException;
import org.chipsim.proto.v1.SpikeTrain;
import org.chipsim.proto.v1.Stimulus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every stimulus file format, the same spikes from each, and one clear line for every mismatch. */
class StimulusFilesTest
{
    /** The spikes every format below encodes: tick -> neurons, for an input population of 3. */
    static final int[][] RASTER = {{1, 0, 0}, {0, 0, 0}, {1, 1, 0}, {0, 0, 1}, {0, 1, 0}};

    @TempDir
    Path dir;

    static Map<Integer, List<Integer>> trains(final Stimulus stimulus)
    {
        final Map<Integer, List<Integer>> result = new TreeMap<>();
        for (final SpikeTrain train : stimulus.getSpikeTrains().getTrainsList())
        {
            assertEquals("in", train.getPopulation());
            result.put(train.getNeuron(), train.getTicksList());
        }
        return result;
    }

    static Map<Integer, List<Integer>> expected()
    {
        return Map.of(0, List.of(0, 2), 1, List.of(2, 4), 2, List.of(3));
    }

    Path text(final String name, final String content) throws IOException
    {
        final Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    /** Writes a .npy file (format 1.0, C order) of the given dtype and shape from raw little/big-endian bytes. */
    static Path npy(final Path file, final String descr, final String shape, final byte[] data, final boolean fortran)
        throws IOException
    {
        String header = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " +
            shape + ", }";
        final int total = 10 + header.length() + 1;
        header = header + " ".repeat((64 - total % 64) % 64) + "\n";
        final ByteBuffer buffer = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte)0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        buffer.putShort((short)header.length());
        buffer.put(header.getBytes(StandardCharsets.ISO_8859_1));
        buffer.put(data);
        Files.write(file, buffer.array());
        return file;
    }

    static byte[] encode(final int[][] raster, final String descr)
    {
        final int size = Integer.parseInt(descr.substring(2));
        final ByteBuffer b = ByteBuffer.allocate(raster.length * raster[0].length * size)
            .order(descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (final int[] row : raster)
        {
            for (final int v : row)
            {
                switch (descr.substring(1))
                {
                    case "b1", "u1", "i1" -> b.put((byte)v);
                    case "i2", "u2" -> b.putShort((short)v);
                    case "i4", "u4" -> b.putInt(v * 7);
                    case "i8", "u8" -> b.putLong(v);
                    case "f2" -> b.putShort((short)(v == 0 ? 0 : 0x3c00));
                    case "f4" -> b.putFloat(v * 0.5f);
                    case "f8" -> b.putDouble(v == 0 ? -0.0 : 2.5);
                    default -> throw new IllegalArgumentException(descr);
                }
            }
        }
        return b.array();
    }

    @Test
    void csvEventsInTicks() throws IOException
    {
        final Path file = text("events.csv", "tick,input_index\n0,0\n2,0\n2,1\n3,2\n4,1\n4,1\n");
        final StimulusFiles.Loaded loaded = StimulusFiles.read(file, "in", 3, 1e-3);
        assertEquals(expected(), trains(loaded.stimulus()));
        assertEquals(5, loaded.spikes(), "the duplicate (4, 1) counts once");
        assertEquals(5, loaded.ticks());
    }

    @Test
    void csvEventsInSecondsUseDt() throws IOException
    {
        final Path file = text("events.csv", "# recorded spikes\ntime_s, input_index\n0.0,0\n0.0051,0\n0.005,1\n" +
            "0.0075,2\n0.01,1\n");
        assertEquals(expected(), trains(StimulusFiles.read(file, "in", 3, 2.5e-3).stimulus()));
    }

    @Test
    void denseCsv() throws IOException
    {
        final Path file = text("dense.csv", "1,0,0\n0,0,0\n\n1,1.0,0\n0,0,-1\n0,1,0\n");
        final StimulusFiles.Loaded loaded = StimulusFiles.read(file, "in", 3, 1e-3);
        assertEquals(expected(), trains(loaded.stimulus()));
        assertEquals(5, loaded.ticks());
        assertEquals("dense csv", loaded.format());
    }

    @Test
    void npyOfEveryDtype() throws IOException
    {
        for (final String descr : List.of("|b1", "|u1", "|i1", "<i2", "<u2", "<i4", ">i4", "<u4", "<i8", "<u8",
            "<f2", "<f4", ">f4", "<f8"))
        {
            final Path file = npy(dir.resolve("raster" + descr.replace('<', 'l').replace('>', 'b')
                .replace('|', 'n') + ".npy"), descr, "(5, 3)", encode(RASTER, descr), false);
            final StimulusFiles.Loaded loaded = StimulusFiles.read(file, "in", 3, 1e-3);
            assertEquals(expected(), trains(loaded.stimulus()), descr);
            assertEquals(5, loaded.ticks(), descr);
        }
    }

    @Test
    void npyWithImageShapedRowsAndSingleNeuron() throws IOException
    {
        // (ticks, 1, 3): each row flattened in C order
        final Path image = npy(dir.resolve("image.npy"), "|u1", "(5, 1, 3)", encode(RASTER, "|u1"), false);
        assertEquals(expected(), trains(StimulusFiles.read(image, "in", 3, 1e-3).stimulus()));
        final Path single = npy(dir.resolve("single.npy"), "|u1", "(4,)", new byte[] {0, 1, 0, 1}, false);
        final Stimulus s = StimulusFiles.read(single, "in", 1, 1e-3).stimulus();
        assertEquals(List.of(1, 3), s.getSpikeTrains().getTrains(0).getTicksList());
    }

    void assertRefused(final Path file, final int size, final String... words)
    {
        final ModelException e = assertThrows(ModelException.class, () -> StimulusFiles.read(file, "in", size, 1e-3));
        final String message = e.getMessage();
        assertFalse(message.contains("\n"), message);
        assertTrue(message.startsWith(file.toString()), "names the file: " + message);
        for (final String word : words)
        {
            assertTrue(message.contains(word), "'" + word + "' in: " + message);
        }
    }

    @Test
    void mismatchesAreOneLineNamingFileRowAndWidth() throws IOException
    {
        assertRefused(text("narrow.csv", "1,0,0\n0,1\n"), 3, "row 2", "line 2", "has 2 values", "expected 3",
            "input population 'in'");
        assertRefused(text("wide.csv", "1,0,0,1\n"), 3, "row 1", "has 4 values", "expected 3");
        assertRefused(text("range.csv", "tick,input_index\n0,0\n1,3\n"), 3, "line 3", "input_index 3",
            "out of range", "size 3");
        assertRefused(text("negative.csv", "tick,input_index\n-1,0\n"), 3, "line 2", "tick -1");
        assertRefused(text("word.csv", "1,0,x\n"), 3, "line 1", "'x'", "not a finite number");
        assertRefused(text("header.csv", "neuron,when\n0,1\n"), 3, "header 'neuron,when'", "tick,input_index");
        assertRefused(text("empty.csv", "\n# nothing\n"), 3, "empty");
        assertRefused(npy(dir.resolve("shape.npy"), "|u1", "(5, 3)", encode(RASTER, "|u1"), false), 4,
            "shape (5, 3)", "input population 'in'", "each row (tick) has 3 values, expected 4");
        assertRefused(npy(dir.resolve("vector.npy"), "|u1", "(5,)", new byte[5], false), 3, "shape (5,)",
            "expected (ticks, 3)");
        assertRefused(npy(dir.resolve("fortran.npy"), "|u1", "(5, 3)", encode(RASTER, "|u1"), true), 3,
            "Fortran order");
        assertRefused(npy(dir.resolve("complex.npy"), "<c8", "(5, 3)", new byte[120], false), 3, "dtype '<c8'");
        assertRefused(npy(dir.resolve("short.npy"), "<f4", "(5, 3)", new byte[10], false), 3, "truncated");
        final byte[] nan = encode(RASTER, "<f4");
        ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putFloat(4 * 4, Float.NaN);
        assertRefused(npy(dir.resolve("nan.npy"), "<f4", "(5, 3)", nan, false), 3, "NaN at row 1, column 1");
        assertRefused(dir.resolve("missing.csv"), 3, "no such file");
        assertThrows(ModelException.class, () -> StimulusFiles.read(text("t.csv", "time_s,input_index\n0.1,0\n"),
            "in", 3, Double.NaN));
    }

    @Test
    void populationSpecs()
    {
        assertEquals(new StimulusFiles.Spec("in", Path.of("a.csv")),
            StimulusFiles.parse("a.csv", List.of("in"), List.of("in", "out")));
        assertEquals(new StimulusFiles.Spec("b", Path.of("x=y.csv")),
            StimulusFiles.parse("b=x=y.csv", List.of("a", "b"), List.of("a", "b", "out")));
        final String several = assertThrows(ModelException.class,
            () -> StimulusFiles.parse("a.csv", List.of("a", "b"), List.of("a", "b"))).getMessage();
        assertTrue(several.contains("2 input populations (a, b)") && several.contains("POP=FILE"), several);
        final String notInput = assertThrows(ModelException.class,
            () -> StimulusFiles.parse("out=a.csv", List.of("in"), List.of("in", "out"))).getMessage();
        assertTrue(notInput.contains("'out' is not an input population"), notInput);
        final String unknown = assertThrows(ModelException.class,
            () -> StimulusFiles.parse("nope=a.csv", List.of("in"), List.of("in", "out"))).getMessage();
        assertTrue(unknown.contains("no population 'nope'"), unknown);
    }
}
