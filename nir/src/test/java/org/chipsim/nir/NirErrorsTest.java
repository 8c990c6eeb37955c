package org.chipsim.nir;

import static org.chipsim.nir.NirFixtures.fill;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;

import org.chipsim.core.ModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What cannot be imported: one ModelException line that names the file and the node. */
class NirErrorsTest
{
    @TempDir
    Path dir;

    void assertRefused(final NirGraph graph, final NirImporter.Options options, final String... words)
    {
        final Path file = NirFixtures.write(dir, "bad", graph);
        assertRefused(file, options, words);
    }

    static void assertRefused(final Path file, final NirImporter.Options options, final String... words)
    {
        final ModelException e = assertThrows(ModelException.class, () -> NirImporter.importFile(file, options));
        final String message = e.getMessage();
        assertFalse(message.contains("\n"), "one line: " + message);
        assertTrue(message.startsWith(file.toString()), "names the file: " + message);
        for (final String word : words)
        {
            assertTrue(message.contains(word), "'" + word + "' in: " + message);
        }
    }

    static NirGraph.Builder withInput(final int n)
    {
        return NirGraph.builder().node("input", "Input", "shape", new int[] {n}).node("output", "Output");
    }

    @Test
    void unsupportedNodeType()
    {
        assertRefused(withInput(2).node("mystery", "Spiral", "weight", fill(2, 1)).chain("input", "mystery", "output")
            .build(), NirImporter.Options.defaults(), "'mystery'", "'Spiral'", "cannot import", "supported:");
    }

    @Test
    void algebraicLoopWithoutNeuron()
    {
        assertRefused(withInput(2)
            .node("a", "Linear", "weight", new double[][] {{1, 0}, {0, 1}})
            .node("b", "Linear", "weight", new double[][] {{1, 0}, {0, 1}})
            .node("lif", "LIF", NirFixtures.lif(2, 0.01, 1, 0, 1))
            .chain("input", "a", "b", "a")
            .chain("b", "lif", "output").build(), NirImporter.Options.defaults(),
            "algebraic loop", "Linear 'a'", "Linear 'b'", "no neuron");
    }

    @Test
    void loopThroughADelayWithoutNeuronIsStillRefused()
    {
        assertRefused(withInput(1)
            .node("a", "Linear", "weight", new double[][] {{0.5}})
            .node("d", "Delay", "delay", fill(1, 0.002))
            .node("lif", "LIF", NirFixtures.lif(1, 0.01, 1, 0, 1))
            .chain("input", "a", "d", "a")
            .chain("d", "lif", "output").build(), NirImporter.Options.defaults(), "algebraic loop", "Delay 'd'");
    }

    @Test
    void shapesThatDoNotChain()
    {
        assertRefused(withInput(3)
            .node("fc", "Linear", "weight", new double[][] {{1, 2, 3, 4}, {5, 6, 7, 8}})
            .node("lif", "LIF", NirFixtures.lif(2, 0.01, 1, 0, 1))
            .chain("input", "fc", "lif", "output").build(), NirImporter.Options.defaults(),
            "shapes do not chain", "'input' -> 'fc'", "gives 3 values", "takes 4");
        assertRefused(withInput(3)
            .node("lif", "LIF", NirFixtures.lif(2, 0.01, 1, 0, 1))
            .chain("input", "lif", "output").build(), NirImporter.Options.defaults(),
            "shapes do not chain", "LIF 'lif'", "takes 2");
    }

    @Test
    void nonSpikingNodeFeedingANeuron()
    {
        assertRefused(withInput(1)
            .node("li", "LI", "tau", fill(1, 0.01), "r", fill(1, 1), "v_leak", fill(1, 0))
            .node("lif", "LIF", NirFixtures.lif(1, 0.01, 1, 0, 1))
            .chain("input", "li", "lif", "output").build(), NirImporter.Options.defaults(),
            "LI 'li'", "does not spike", "spikes only");
    }

    @Test
    void currentBasedSynapseShorterThanTheEulerStep()
    {
        final NirGraph graph = withInput(1)
            .node("cuba", "CubaLIF", "tau_syn", fill(1, 0.0005), "tau_mem", fill(1, 0.01), "r", fill(1, 1),
                "v_leak", fill(1, 0), "v_threshold", fill(1, 1), "v_reset", fill(1, 0), "w_in", fill(1, 1))
            .chain("input", "cuba", "output").build();
        assertRefused(graph, new NirImporter.Options(1e-3, NirImporter.Reset.ZERO,
            NirImporter.Discretization.EULER), "CubaLIF 'cuba'", "tau_syn = 0.0005", "unstable");
        final NirGraph negative = withInput(1)
            .node("cuba", "CubaLIF", "tau_syn", fill(1, -0.001), "tau_mem", fill(1, 0.01), "r", fill(1, 1),
                "v_leak", fill(1, 0), "v_threshold", fill(1, 1), "v_reset", fill(1, 0), "w_in", fill(1, 1))
            .chain("input", "cuba", "output").build();
        assertRefused(negative, NirImporter.Options.defaults(), "CubaLIF 'cuba'", "tau_syn", ">= 0");
    }

    @Test
    void eulerUnstable()
    {
        assertRefused(withInput(1).node("lif", "LIF", NirFixtures.lif(1, 0.0005, 1, 0, 1))
            .chain("input", "lif", "output").build(), new NirImporter.Options(1e-3, NirImporter.Reset.ZERO,
            NirImporter.Discretization.EULER), "LIF 'lif'", "unstable");
    }

    @Test
    void delayThatIsNoWholeNumberOfTicks()
    {
        assertRefused(withInput(1)
            .node("d", "Delay", "delay", fill(1, 0.0015))
            .node("lif", "LIF", NirFixtures.lif(1, 0.01, 1, 0, 1))
            .chain("input", "d", "lif", "output").build(), NirImporter.Options.defaults(),
            "Delay 'd'", "whole number of ticks");
    }

    @Test
    void badThresholdAndTimeConstant()
    {
        assertRefused(withInput(1).node("lif", "LIF", NirFixtures.lif(1, 0.01, 1, 0, 0))
            .chain("input", "lif", "output").build(), NirImporter.Options.defaults(), "LIF 'lif'", "threshold");
        assertRefused(withInput(1).node("lif", "LIF", NirFixtures.lif(1, -0.01, 1, 0, 1))
            .chain("input", "lif", "output").build(), NirImporter.Options.defaults(), "LIF 'lif'", "time constant");
    }

    @Test
    void edgesToUnknownNodesAndMisplacedEnds()
    {
        assertRefused(withInput(1).chain("input", "ghost").build(), NirImporter.Options.defaults(),
            "no node named 'ghost'");
        assertRefused(NirGraph.builder().node("lif", "LIF", NirFixtures.lif(1, 0.01, 1, 0, 1)).build(),
            NirImporter.Options.defaults(), "no Input");
        assertRefused(withInput(1).node("lif", "LIF", NirFixtures.lif(1, 0.01, 1, 0, 1))
            .chain("lif", "input").build(), NirImporter.Options.defaults(), "Input 'input' has incoming edges");
        assertRefused(withInput(1).node("lif", "LIF", NirFixtures.lif(1, 0.01, 1, 0, 1))
            .chain("input", "output", "lif").build(), NirImporter.Options.defaults(), "Output 'output'");
    }

    @Test
    void ambiguousNestedGraph()
    {
        final NirGraph inner = NirGraph.builder()
            .node("a", "Input", "shape", new int[] {1})
            .node("b", "Input", "shape", new int[] {1})
            .node("lif", "LIF", NirFixtures.lif(1, 0.01, 1, 0, 1))
            .node("out", "Output")
            .chain("a", "lif", "out").chain("b", "lif").build();
        assertRefused(withInput(1).graph("sub", inner).chain("input", "sub", "output").build(),
            NirImporter.Options.defaults(), "nested graph 'sub'", "2 input nodes", "sub.a");
    }

    @Test
    void convolutionWithoutKnownInputSize()
    {
        assertRefused(withInput(18)
            .node("conv", "Conv2d", "weight", NirValue.array(fill(18, 1), 1, 2, 3, 3), "stride", 1, "padding", 0, "dilation", 1,
                "groups", 1, "bias", fill(1, 0))
            .node("lif", "LIF", "tau", fill(1, 0.01), "r", fill(1, 1), "v_leak", fill(1, 0), "v_threshold",
                fill(1, 1))
            .chain("input", "conv", "lif", "output").build(), NirImporter.Options.defaults(),
            "Conv2d 'conv'", "input_shape");
    }

    @Test
    void filesThatAreNotNir() throws IOException
    {
        final Path text = dir.resolve("model.nir");
        Files.writeString(text, "not hdf5");
        assertRefused(text, NirImporter.Options.defaults(), "not an HDF5 file");
        assertRefused(dir.resolve("missing.nir"), NirImporter.Options.defaults(), "no such file");
        final Path empty = dir.resolve("empty.nir");
        try (WritableHdfFile hdf = HdfFile.write(empty))
        {
            hdf.putDataset("something", new double[] {1});
        }
        assertRefused(empty, NirImporter.Options.defaults(), "no group 'node'");
    }
}
