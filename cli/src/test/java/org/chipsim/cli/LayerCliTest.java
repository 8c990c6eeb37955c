package org.chipsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compile / inspect on layer models and the quantization report, seen from the command line. */
class LayerCliTest
{
    @TempDir
    Path dir;

    /** 1 x 4 x 4 inputs -> conv 2 x 3 x 3 (padding 1) -> c (2 x 4 x 4) -> sum pool 2 -> p (2 x 2 x 2), labeled. */
    static final String CONV_MODEL = """
        name: "tiny-conv"
        network {
          populations { name: "in" size: 16 input: true }
          populations { name: "c" size: 32 lif { threshold: 1.0 } }
          populations { name: "p" size: 8 lif { threshold: 1.0 } }
          projections {
            name: "conv1" source: "in" target: "c"
            conv2d {
              input_shape: [1, 4, 4] out_channels: 2 kernel: 3 padding: 1
              weight: [0.1, 0.2, 0.1, 0.2, 0.4, 0.2, 0.1, 0.2, 0.1,  -0.1, 0.3, -0.1, 0.3, 0.5, 0.3, -0.1, 0.3, -0.1]
              bias: [0.01, 0.0]
            }
          }
          projections { name: "pool1" source: "c" target: "p" sum_pool2d { input_shape: [4, 4] kernel: 2 weight: 0.5 } }
        }
        stimulus {
          rate_coded {
            population: "in" ticks_per_sample: 20 reset_between_samples: true
            samples { rates: [0.9, 0.9, 0, 0, 0.9, 0.9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] label: 0 has_label: true }
            samples { rates: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.9, 0.9, 0, 0, 0.9, 0.9] label: 7 has_label: true }
          }
        }
        run { readout_population: "p" }
        """;

    Path write(final String name, final String text) throws IOException
    {
        final Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void compileAndInspectReportWhatALayerCostsInCrossbars() throws IOException
    {
        final Path model = write("conv.pbtxt", CONV_MODEL);
        final Path program = dir.resolve("conv.pb");
        final Cli.Outcome compile = Cli.chipsim("compile", model.toString(), "-o", program.toString(), "--accuracy");
        assertEquals(0, compile.code(), compile.err());
        // each of the 18 kernel weights reaches every output whose window covers the image: per dimension 4 positions
        // for the kernel's centre and 3 for its edges, so (4 + 3 + 3)^2 = 100 per channel, 200 in all
        assertTrue(compile.out().contains("conv2d 1x4x4 -> 2x4x4, kernel 3x3, stride 1, padding 1: 20 parameters " +
            "-> 200 crossbar weights (10.0x)"), compile.out());
        assertTrue(compile.out().contains("sum_pool2d 2x4x4 -> 2x2x2, kernel 2x2, stride 2, padding 0: 1 parameter " +
            "-> 32 crossbar weights (32.0x)"), compile.out());
        assertTrue(compile.out().contains("2 layer projections: 21 shared parameters stored as 232 crossbar weights"),
            compile.out());
        // 16 axon rows of 32 neurons for conv1; 32 rows of 8 neurons for pool1
        assertTrue(compile.out().contains("on 16 axon rows = 512 crossbar cells (39.1 % non-zero)"), compile.out());
        assertTrue(compile.out().contains("on 32 axon rows = 256 crossbar cells (12.5 % non-zero)"), compile.out());
        assertTrue(compile.out().contains("on 2 labeled samples"), compile.out());
        final Cli.Outcome inspect = Cli.chipsim("inspect", program.toString());
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().contains("conv2d 1x4x4 -> 2x4x4, kernel 3x3, stride 1, padding 1: 20 parameters"),
            inspect.out());
        final Cli.Outcome run = Cli.chipsim("run", program.toString(), "--out", dir.resolve("results").toString());
        assertEquals(0, run.code(), run.err());
    }

    @Test
    void quantizationErrorsMatchAHandComputation() throws IOException
    {
        // weights 1, 0.5, -0.25, 0.0625 (and a 0: no synapse) at 4 bits: scale 1/7; stored as 7, 4, -2 and 0 steps;
        // errors 0, 0.5/7, 0.25/7, 0.0625: max 0.0714 = 7.14 % of max |w| 1, RMS sqrt(mean of squares) = 0.0507
        final Path model = write("q.pbtxt", """
            network {
              populations { name: "in" size: 5 input: true }
              populations { name: "out" size: 1 lif { threshold: 1.0 } }
              projections { source: "in" target: "out" weights: [1, 0.5, -0.25, 0.0625, 0] }
            }
            """);
        final Cli.Outcome compile = Cli.chipsim("compile", model.toString(), "-o", dir.resolve("q.pb").toString(),
            "--weight-bits", "4", "--accuracy");
        assertEquals(0, compile.code(), compile.err());
        assertTrue(compile.out().contains("  out        1 neurons on 1 cores + 0 partial-sum; 4 weights, scale 0.1429 " +
            "(max |w| 1.000): rounding error max 0.0714 (7.14 % of max |w|), RMS 0.0507 (5.07 %); 1 round to 0"),
            compile.out());
        assertTrue(compile.out().contains("accuracy     not compared: the stimulus has no labeled samples"),
            compile.out());
    }

    @Test
    void eightBitsLoseAtMostOnePointOnTheShippedDigits()
    {
        final Path shipped = Path.of("..", "examples", "models", "digits-mlp.pb");
        final Cli.Outcome compile = Cli.chipsim("compile", shipped.toString(), "-o", dir.resolve("d.pb").toString(),
            "--accuracy");
        assertEquals(0, compile.code(), compile.err());
        final Matcher m = Pattern.compile("float reference ([0-9.]+) %, 8-bit fixed point \\(= chip\\) ([0-9.]+) %")
            .matcher(compile.out());
        assertTrue(m.find(), compile.out());
        final double loss = Double.parseDouble(m.group(1)) - Double.parseDouble(m.group(2));
        assertTrue(loss <= 1.0, "8-bit loses " + loss + " points");
        assertTrue(Double.parseDouble(m.group(2)) > 90, compile.out());
    }

    @Test
    void layersThatDoNotFitAreOneLineErrors() throws IOException
    {
        final String[][] cases = {
            {"size: 32 lif", "size: 30 lif", "projection #0 'conv1': conv2d gives 2 x 4 x 4 = 32 outputs"},
            {"kernel: 3 padding: 1", "kernel: 7 padding: 1", "the kernel 7 x 7 does not fit the padded input 6 x 6"},
            {"kernel: 3 padding: 1", "kernel: 3 padding: 1 stride: 0", "conv2d: stride 0 must be >= 1"},
            {"out_channels: 2", "out_channels: 2 groups: 2", "groups 2 must divide both the input channels 1"},
            {"bias: [0.01, 0.0]", "bias: [0.01]", "conv2d.bias has 1 values, expected out_channels 2"},
            {"input_shape: [4, 4] kernel: 2", "input_shape: [8, 2, 2] kernel: 2",
                "projection #1 'pool1' reads population 'c' as 8 x 2 x 2 but projection #0 'conv1' makes it as " +
                    "2 x 4 x 4; shapes do not chain"},
        };
        for (final String[] c : cases)
        {
            assertTrue(CONV_MODEL.contains(c[0]), c[0]);
            final Path model = write("bad.pbtxt", CONV_MODEL.replace(c[0], c[1]));
            final Cli.Outcome compile = Cli.chipsim("compile", model.toString(), "-o", dir.resolve("bad.pb").toString());
            assertEquals(2, compile.code(), c[1] + ": " + compile.out() + compile.err());
            assertTrue(compile.err().contains(c[2]), compile.err());
            assertEquals(1, compile.err().strip().lines().count(), compile.err());
            assertTrue(!Files.exists(dir.resolve("bad.pb")));
        }
    }
}
