package org.chipsim.nir;

import static org.chipsim.nir.NirFixtures.fill;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.chipsim.core.NetworkIndex;
import org.chipsim.core.SynapseView;
import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.ResetMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every supported NIR primitive, written to HDF5, read back and converted: the resulting populations and weights. */
class NirImporterTest
{
    static final double DT = 1e-3;
    static final NirImporter.Options EXACT = new NirImporter.Options(DT, NirImporter.Reset.ZERO,
        NirImporter.Discretization.EXACT);
    /** dt = 1 s with IF neurons of r = 1: input x r dt = 1, so projection weights equal the composed NIR weights. */
    static final NirImporter.Options UNIT = new NirImporter.Options(1.0, NirImporter.Reset.ZERO,
        NirImporter.Discretization.EXACT);

    @TempDir
    Path dir;

    NirImporter.Result load(final String name, final NirGraph graph, final NirImporter.Options options)
    {
        return NirImporter.importFile(NirFixtures.write(dir, name, graph), options);
    }

    static Population population(final Model model, final String name)
    {
        return model.getNetwork().getPopulationsList().stream().filter(p -> p.getName().equals(name)).findFirst()
            .orElseThrow(() -> new AssertionError("no population " + name + " in " + model.getNetwork()
                .getPopulationsList().stream().map(Population::getName).toList()));
    }

    static Projection projection(final Model model, final String source, final String target)
    {
        return model.getNetwork().getProjectionsList().stream()
            .filter(p -> p.getSource().equals(source) && p.getTarget().equals(target)).findFirst()
            .orElseThrow(() -> new AssertionError("no projection " + source + "->" + target));
    }

    /** The projection as a dense source x target matrix. */
    static double[][] dense(final Model model, final Projection projection)
    {
        final NetworkIndex index = new NetworkIndex(model.getNetwork());
        final int rows = index.size(index.indexOf(projection.getSource()));
        final int cols = index.size(index.indexOf(projection.getTarget()));
        final double[][] m = new double[rows][cols];
        final SynapseView view = new SynapseView(projection, cols);
        for (int k = 0; k < view.size(); k++)
        {
            m[view.pre(k)][view.post(k)] += view.weight(k);
        }
        return m;
    }

    static boolean mentions(final List<String> lines, final String... words)
    {
        return lines.stream().anyMatch(l -> java.util.Arrays.stream(words).allMatch(l::contains));
    }

    @Test
    void readsBackWhatItWroteAndAcceptsTypeAsAttribute()
    {
        final NirGraph graph = NirFixtures.mlp(new Random(1), 4, 3, 2);
        final Path datasets = NirFixtures.write(dir, "mlp", graph);
        final Path attributes = dir.resolve("mlp-attr.nir");
        NirWriter.writeWithTypeAttributes(graph, attributes);
        for (final Path file : List.of(datasets, attributes))
        {
            final NirGraph back = NirReader.read(file);
            assertEquals(NirWriter.VERSION, back.version());
            assertEquals(graph.nodes().keySet(), back.nodes().keySet());
            assertEquals(new java.util.HashSet<>(graph.edges()), new java.util.HashSet<>(back.edges()));
            assertEquals("Affine", back.nodes().get("fc1").type());
            assertArrayEquals(graph.nodes().get("fc1").get("weight").numbers(),
                back.nodes().get("fc1").get("weight").numbers());
            assertArrayEquals(new int[] {3, 4}, back.nodes().get("fc1").get("weight").shape());
        }
        assertEquals(NirImporter.importFile(datasets, EXACT).model().getNetwork(),
            NirImporter.importFile(attributes, EXACT).model().getNetwork());
    }

    @Test
    void affineAndLifLayers()
    {
        final Random random = new Random(7);
        final NirGraph graph = NirFixtures.mlp(random, 5, 4, 3);
        final NirImporter.Result result = load("mlp", graph, EXACT);
        final Model model = result.model();
        assertEquals(List.of("input", "lif1", "lif2"), model.getNetwork().getPopulationsList().stream()
            .map(Population::getName).toList());
        final double decay = Math.exp(-DT / 0.02);
        final double gain = 1 - decay;
        final LifNeuron lif1 = population(model, "lif1").getLif();
        assertEquals(decay, lif1.getDecay(), 1e-7);
        assertEquals(0.5f, lif1.getThreshold());
        assertEquals(ResetMode.RESET_TO_VALUE, lif1.getResetMode());
        final double[] w = graph.nodes().get("fc1").get("weight").numbers();
        final double[] b = graph.nodes().get("fc1").get("bias").numbers();
        final double[][] m = dense(model, projection(model, "input", "lif1"));
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                assertEquals(w[j * 5 + i] * gain, m[i][j], 1e-7, "weight " + i + "->" + j);
            }
        }
        for (int j = 0; j < 4; j++)
        {
            final double bias = lif1.getBiasesCount() == 0 ? lif1.getBias() : lif1.getBiases(j);
            assertEquals(b[j] * gain, bias, 1e-7, "bias " + j);
        }
        assertEquals(List.of("lif2"), model.getRun().getRecordPopulationsList());
        assertEquals("lif2", model.getRun().getReadoutPopulation());
        assertEquals(DT, model.getRun().getTickSeconds());
        assertTrue(mentions(result.notes(), "lif1", "constant input current"));
        assertTrue(result.warnings().isEmpty(), result.warnings().toString());
    }

    @Test
    void flattenScaleAndIf()
    {
        final double[] scale = {1, 2, 3, 4, 5, 6, 7, 8};
        final NirGraph graph = NirGraph.builder()
            .node("input", "Input", "shape", new int[] {2, 2, 2})
            .node("flatten", "Flatten", "start_dim", 0, "end_dim", -1, "input_type",
                NirValue.group(java.util.Map.of("input", NirValue.vector(2, 2, 2))))
            .node("scale", "Scale", "scale", scale)
            .node("if", "IF", NirFixtures.ifNeuron(8, 1, 3))
            .node("output", "Output", "shape", new int[] {8})
            .chain("input", "flatten", "scale", "if", "output")
            .build();
        final Model model = load("scale", graph, UNIT).model();
        final LifNeuron lif = population(model, "if").getLif();
        assertEquals(1f, lif.getDecay());
        assertEquals(3f, lif.getThreshold());
        final double[][] m = dense(model, projection(model, "input", "if"));
        for (int i = 0; i < 8; i++)
        {
            for (int j = 0; j < 8; j++)
            {
                assertEquals(i == j ? scale[i] : 0, m[i][j], 0, i + "," + j);
            }
        }
    }

    @Test
    void ifInputIsRTimesDt()
    {
        final NirGraph graph = NirGraph.builder()
            .node("input", "Input", "shape", new int[] {1})
            .node("if", "IF", NirFixtures.ifNeuron(1, 4, 1))
            .node("output", "Output", "shape", new int[] {1})
            .chain("input", "if", "output").build();
        final Model model = load("if", graph, EXACT).model();
        assertEquals(4 * DT, projection(model, "input", "if").getWeights(0), 1e-9);
    }

    @Test
    void integratorAndLeakyIntegratorAreSilentReadouts()
    {
        for (final String type : List.of("I", "LI", "CubaLI"))
        {
            final NirGraph.Builder b = NirGraph.builder()
                .node("input", "Input", "shape", new int[] {2})
                .node("fc", "Linear", "weight", new double[][] {{1, 2}, {3, 4}});
            switch (type)
            {
                case "I" -> b.node("readout", "I", "r", fill(2, 1));
                case "LI" -> b.node("readout", "LI", "tau", fill(2, 0.01), "r", fill(2, 1), "v_leak", fill(2, 0));
                default -> b.node("readout", "CubaLI", "tau_syn", fill(2, 0), "tau_mem", fill(2, 0.01), "r",
                    fill(2, 1), "v_leak", fill(2, 0), "w_in", fill(2, 1));
            }
            final NirGraph graph = b.node("output", "Output", "shape", new int[] {2})
                .chain("input", "fc", "readout", "output").build();
            final NirImporter.Result result = load(type, graph, EXACT);
            final LifNeuron lif = population(result.model(), "readout").getLif();
            final double maxWeight = dense(result.model(), projection(result.model(), "input", "readout"))[1][1];
            assertTrue(lif.getThreshold() >= 32768 * maxWeight * 0.999, type + ": unreachable threshold");
            assertTrue(mentions(result.warnings(), "readout", "does not spike"), type + ": " + result.warnings());
            assertEquals(type.equals("I") ? 1f : (float)Math.exp(-0.1), lif.getDecay(), 1e-6f, type);
        }
    }

    @Test
    void thresholdIsAMemorylessNeuron()
    {
        final NirGraph graph = NirGraph.builder()
            .node("input", "Input", "shape", new int[] {2})
            .node("fc", "Affine", "weight", new double[][] {{1, -1}}, "bias", new double[] {0.25})
            .node("threshold", "Threshold", "threshold", new double[] {0.5})
            .node("output", "Output", "shape", new int[] {1})
            .chain("input", "fc", "threshold", "output").build();
        final Model model = load("threshold", graph, EXACT).model();
        final LifNeuron lif = population(model, "threshold").getLif();
        assertEquals(0f, lif.getDecay());
        assertTrue(lif.getDecaySet());
        assertEquals(0.5f, lif.getThreshold());
        assertEquals(0.25f, lif.getBias());
        assertArrayEquals(new double[] {1, -1}, new double[] {dense(model, projection(model, "input", "threshold"))[0][0],
            dense(model, projection(model, "input", "threshold"))[1][0]});
    }

    @Test
    void cubaLifMapsOntoTheCurrentBasedNeuron()
    {
        final java.util.function.DoubleFunction<NirGraph> cuba = tauSyn -> NirGraph.builder()
            .node("input", "Input", "shape", new int[] {1})
            .node("cuba", "CubaLIF", "tau_syn", fill(1, tauSyn), "tau_mem", fill(1, 0.01), "r", fill(1, 2),
                "v_leak", fill(1, 0), "v_threshold", fill(1, 1), "v_reset", fill(1, 0), "w_in", fill(1, 3))
            .node("output", "Output", "shape", new int[] {1})
            .chain("input", "cuba", "output").build();
        final double gain = -Math.expm1(-0.1) * 2 * 3;
        // tau_syn = 0: exact, no synaptic state: a plain LIF with input current w_in S held over the tick
        NirImporter.Result result = load("cuba0", cuba.apply(0), EXACT);
        assertEquals(gain, projection(result.model(), "input", "cuba").getWeights(0), 1e-7);
        assertFalse(result.model().getNetwork().getPopulations(1).getLif().hasSynapticCurrent());
        assertTrue(result.warnings().isEmpty(), result.warnings().toString());
        // tau_syn > 0: the CUBA neuron, d_u = exp(-dt/tau_syn), gain R w_in dt (d_u - d_v) / (tau_syn - tau_mem)
        result = load("cuba5", cuba.apply(0.005), EXACT);
        final double du = Math.exp(-0.2);
        final double dv = Math.exp(-0.1);
        assertEquals(2 * 3 * DT * (du - dv) / (0.005 - 0.01), projection(result.model(), "input", "cuba")
            .getWeights(0), 1e-6);
        assertEquals((float)du, result.model().getNetwork().getPopulations(1).getLif().getSynapticCurrent()
            .getDecay());
        assertTrue(result.warnings().isEmpty(), result.warnings().toString());
        // forward Euler with tau_syn = dt: synaptic decay 0, so the plain LIF with its gain
        result = load("cuba-euler", cuba.apply(DT), new NirImporter.Options(DT, NirImporter.Reset.ZERO,
            NirImporter.Discretization.EULER));
        assertEquals(0.1 * 2 * 3, projection(result.model(), "input", "cuba").getWeights(0), 1e-7);
        assertFalse(result.model().getNetwork().getPopulations(1).getLif().hasSynapticCurrent());
        assertTrue(result.warnings().isEmpty(), result.warnings().toString());
    }

    @Test
    void delayNodeBecomesProjectionDelays()
    {
        final NirGraph graph = NirGraph.builder()
            .node("input", "Input", "shape", new int[] {2})
            .node("delay", "Delay", "delay", new double[] {0.002, 0.003})
            .node("if", "IF", NirFixtures.ifNeuron(2, 1, 1))
            .node("output", "Output", "shape", new int[] {2})
            .chain("input", "delay", "if", "output").build();
        final Model model = load("delay", graph, EXACT).model();
        final List<Projection> projections = model.getNetwork().getProjectionsList();
        assertEquals(2, projections.size());
        assertEquals(java.util.Set.of(2, 3), new java.util.HashSet<>(projections.stream()
            .map(Projection::getDelayTicks).toList()));
        for (final Projection p : projections)
        {
            final double[][] m = dense(model, p);
            final int j = p.getDelayTicks() == 2 ? 0 : 1;
            assertEquals(DT, m[j][j], 1e-9);
            assertEquals(0, m[1 - j][1 - j]);
        }
    }

    @Test
    void nestedGraphsAreFlattened()
    {
        final NirGraph inner = NirGraph.builder()
            .node("in", "Input", "shape", new int[] {2})
            .node("fc", "Linear", "weight", new double[][] {{1, 0}, {0, 1}})
            .node("lif", "LIF", NirFixtures.lif(2, 0.01, 1, 0, 1))
            .node("out", "Output", "shape", new int[] {2})
            .chain("in", "fc", "lif", "out").build();
        final NirGraph graph = NirGraph.builder()
            .node("input", "Input", "shape", new int[] {2})
            .graph("block1", inner)
            .graph("block2", inner)
            .node("output", "Output", "shape", new int[] {2})
            .edge("input", "block1")
            .edge("block1.out", "block2.in")
            .edge("block2", "output").build();
        final NirImporter.Result result = load("nested", graph, EXACT);
        final Model model = result.model();
        assertEquals(List.of("input", "block1.lif", "block2.lif"), model.getNetwork().getPopulationsList().stream()
            .map(Population::getName).toList());
        assertEquals(2, model.getNetwork().getProjectionsCount());
        projection(model, "block1.lif", "block2.lif");
        assertTrue(mentions(result.notes(), "2 nested graphs"), result.notes().toString());
    }

    /** PyTorch's conv2d, written out directly: y[co][oy][ox] = bias[co] + sum w[co][cl][ky][kx] x[ci][iy][ix]. */
    static double[] torchConv2d(final double[] x, final int c, final int h, final int w, final double[] weight,
        final int cout, final int kh, final int kw, final int stride, final int padH, final int padW,
        final int dilation, final int groups, final int oh, final int ow)
    {
        final double[] y = new double[cout * oh * ow];
        final int cinPerGroup = c / groups;
        for (int co = 0; co < cout; co++)
        {
            final int g = co / (cout / groups);
            for (int oy = 0; oy < oh; oy++)
            {
                for (int ox = 0; ox < ow; ox++)
                {
                    double sum = 0;
                    for (int cl = 0; cl < cinPerGroup; cl++)
                    {
                        for (int ky = 0; ky < kh; ky++)
                        {
                            for (int kx = 0; kx < kw; kx++)
                            {
                                final int iy = oy * stride - padH + ky * dilation;
                                final int ix = ox * stride - padW + kx * dilation;
                                if (iy >= 0 && iy < h && ix >= 0 && ix < w)
                                {
                                    sum += weight[((co * cinPerGroup + cl) * kh + ky) * kw + kx] *
                                        x[((g * cinPerGroup + cl) * h + iy) * w + ix];
                                }
                            }
                        }
                    }
                    y[(co * oh + oy) * ow + ox] = sum;
                }
            }
        }
        return y;
    }

    static double[] apply(final double[][] m, final double[] x)
    {
        final double[] y = new double[m[0].length];
        for (int i = 0; i < m.length; i++)
        {
            for (int j = 0; j < y.length; j++)
            {
                y[j] += x[i] * m[i][j];
            }
        }
        return y;
    }

    @Test
    void conv2dLowersToTheSameLinearMapAsPyTorch()
    {
        final Random random = new Random(3);
        // {stride, padding, dilation, groups}
        for (final int[] p : new int[][] {{1, 1, 1, 1}, {2, 1, 1, 2}, {1, 0, 2, 1}, {2, 2, 1, 1}})
        {
            final int c = 2;
            final int h = 6;
            final int w = 5;
            final int cout = 4;
            final int k = 3;
            final int oh = (h + 2 * p[1] - p[2] * (k - 1) - 1) / p[0] + 1;
            final int ow = (w + 2 * p[1] - p[2] * (k - 1) - 1) / p[0] + 1;
            final double[] weight = NirFixtures.random(random, cout * (c / p[3]) * k * k);
            final int n = cout * oh * ow;
            final NirGraph graph = NirGraph.builder()
                .node("input", "Input", "shape", new int[] {c, h, w})
                .node("conv", "Conv2d", "weight", NirValue.array(weight, cout, c / p[3], k, k), "stride", p[0],
                    "padding", new int[] {p[1], p[1]}, "dilation", p[2], "groups", p[3], "bias", fill(cout, 0),
                    "input_shape", new int[] {h, w})
                .node("if", "IF", "r", NirValue.array(fill(n, 1), cout, oh, ow), "v_threshold",
                    NirValue.array(fill(n, 1), cout, oh, ow))
                .node("output", "Output", "shape", new int[] {cout, oh, ow})
                .chain("input", "conv", "if", "output").build();
            final Model model = load("conv" + p[0] + p[1] + p[2] + p[3], graph, UNIT).model();
            assertEquals(n, population(model, "if").getSize());
            final double[][] m = dense(model, projection(model, "input", "if"));
            for (int trial = 0; trial < 3; trial++)
            {
                final double[] x = NirFixtures.random(random, c * h * w);
                assertArrayEquals(torchConv2d(x, c, h, w, weight, cout, k, k, p[0], p[1], p[1], p[2], p[3], oh, ow),
                    apply(m, x), 1e-5, "conv " + java.util.Arrays.toString(p));
            }
        }
    }

    @Test
    void conv1dSamePaddingAndBias()
    {
        final Random random = new Random(5);
        final int c = 3;
        final int len = 7;
        final int cout = 2;
        final int k = 3;
        final double[] weight = NirFixtures.random(random, cout * c * k);
        final NirGraph graph = NirGraph.builder()
            .node("input", "Input", "shape", new int[] {c, len})
            .node("conv", "Conv1d", "weight", NirValue.array(weight, cout, c, k), "stride", 1, "padding", "same",
                "dilation", 1, "groups", 1, "bias", new double[] {0.5, -0.25})
            .node("if", "IF", "r", fill(1, 1), "v_threshold", fill(1, 1))
            .node("output", "Output")
            .chain("input", "conv", "if", "output").build();
        final Model model = load("conv1d", graph, UNIT).model();
        final Population pop = population(model, "if");
        assertEquals(cout * len, pop.getSize());
        final double[][] m = dense(model, projection(model, "input", "if"));
        final double[] x = NirFixtures.random(random, c * len);
        assertArrayEquals(torchConv2d(x, c, 1, len, weight, cout, 1, k, 1, 0, 1, 1, 1, 1, len), apply(m, x), 1e-5);
        for (int j = 0; j < cout * len; j++)
        {
            assertEquals(j < len ? 0.5 : -0.25, pop.getLif().getBiases(j), 1e-9);
        }
    }

    @Test
    void sumAndAveragePooling()
    {
        for (final String type : List.of("SumPool2d", "AvgPool2d"))
        {
            final NirGraph graph = NirGraph.builder()
                .node("input", "Input", "shape", new int[] {2, 4, 4})
                .node("pool", type, "kernel_size", new int[] {2, 2}, "stride", new int[] {2, 2}, "padding",
                    new int[] {0, 0})
                .node("if", "IF", "r", fill(1, 1), "v_threshold", fill(1, 1))
                .node("output", "Output")
                .chain("input", "pool", "if", "output").build();
            final Model model = load(type, graph, UNIT).model();
            final double[][] m = dense(model, projection(model, "input", "if"));
            assertEquals(8, m[0].length);
            final double v = type.equals("SumPool2d") ? 1 : 0.25;
            // input (c=1, y=2, x=3) -> output (c=1, y=1, x=1)
            assertEquals(v, m[16 + 2 * 4 + 3][4 + 2 + 1], 0);
            int nonZero = 0;
            for (final double[] row : m)
            {
                for (final double x : row)
                {
                    nonZero += x != 0 ? 1 : 0;
                }
            }
            assertEquals(32, nonZero);
        }
    }

    @Test
    void perNeuronThresholdsAreRescaledAndTimeConstantsSplit()
    {
        final NirGraph graph = NirGraph.builder()
            .node("input", "Input", "shape", new int[] {3})
            .node("lif", "LIF", "tau", new double[] {0.01, 0.02, 0.01}, "r", fill(3, 1), "v_leak", fill(3, 0),
                "v_threshold", new double[] {1, 2, 4}, "v_reset", fill(3, 0))
            .node("output", "Output")
            .chain("input", "lif", "output").build();
        final NirImporter.Result result = load("hetero", graph, EXACT);
        final Model model = result.model();
        assertEquals(List.of("input", "lif#0", "lif#1"), model.getNetwork().getPopulationsList().stream()
            .map(Population::getName).toList());
        assertEquals(2, population(model, "lif#0").getSize());
        assertEquals(1f, population(model, "lif#0").getLif().getThreshold());
        // neuron 2 (threshold 4) is neuron 1 of lif#0, its membrane scaled by 1/4
        final double[][] m = dense(model, projection(model, "input", "lif#0"));
        assertEquals(-Math.expm1(-0.1), m[0][0], 1e-7);
        assertEquals(-Math.expm1(-0.1) / 4, m[2][1], 1e-7);
        assertEquals((float)Math.exp(-0.05), population(model, "lif#1").getLif().getDecay(), 1e-7f);
        assertEquals(List.of("lif#0", "lif#1"), model.getRun().getRecordPopulationsList());
        assertTrue(mentions(result.notes(), "thresholds differ"));
        assertTrue(mentions(result.notes(), "split into 2 populations"));
    }

    @Test
    void skipConnectionsAreDelayedToMeetTheLongerPath()
    {
        final NirGraph graph = NirGraph.builder()
            .node("input", "Input", "shape", new int[] {1})
            .node("a", "IF", NirFixtures.ifNeuron(1, 1, 1))
            .node("b", "IF", NirFixtures.ifNeuron(1, 1, 1))
            .node("c", "IF", NirFixtures.ifNeuron(1, 1, 1))
            .node("output", "Output")
            .chain("input", "a", "b", "c", "output")
            .edge("input", "c")
            .edge("c", "c")
            .build();
        final NirImporter.Result result = load("skip", graph, UNIT);
        final Model model = result.model();
        assertEquals(0, projection(model, "input", "a").getDelayTicks());
        assertEquals(0, projection(model, "b", "c").getDelayTicks());
        assertEquals(2, projection(model, "input", "c").getDelayTicks());
        assertEquals(0, projection(model, "c", "c").getDelayTicks());
        assertTrue(mentions(result.notes(), "skips 2 layer(s)"), result.notes().toString());
    }

    @Test
    void recurrenceBackToAnEarlierLayerIsLateWithAWarning()
    {
        final NirGraph graph = NirGraph.builder()
            .node("input", "Input", "shape", new int[] {1})
            .node("a", "IF", NirFixtures.ifNeuron(1, 1, 1))
            .node("b", "IF", NirFixtures.ifNeuron(1, 1, 1))
            .node("back", "Linear", "weight", new double[][] {{-1}})
            .node("output", "Output")
            .chain("input", "a", "b", "output")
            .chain("b", "back", "a")
            .build();
        final NirImporter.Result result = load("recurrent", graph, UNIT);
        assertEquals(0, projection(result.model(), "b", "a").getDelayTicks());
        assertTrue(mentions(result.warnings(), "recurrent edge", "1 tick(s) later"), result.warnings().toString());
    }

    @Test
    void resetModesVLeakAndVReset()
    {
        final NirGraph graph = NirGraph.builder()
            .node("input", "Input", "shape", new int[] {1})
            .node("lif", "LIF", "tau", fill(1, 0.01), "r", fill(1, 1), "v_leak", fill(1, 0.5), "v_threshold",
                fill(1, 1), "v_reset", fill(1, 0.2))
            .node("output", "Output")
            .chain("input", "lif", "output").build();
        NirImporter.Result result = load("reset", graph, EXACT);
        LifNeuron lif = population(result.model(), "lif").getLif();
        assertEquals(ResetMode.RESET_TO_VALUE, lif.getResetMode());
        assertEquals(0.2f, lif.getVReset());
        assertEquals(-Math.expm1(-0.1) * 0.5, lif.getBias(), 1e-7);
        assertTrue(mentions(result.notes(), "v_leak", "bias"));
        assertTrue(mentions(result.notes(), "v_reset", "non-zero"));
        result = load("subtract", graph, new NirImporter.Options(DT, NirImporter.Reset.SUBTRACT,
            NirImporter.Discretization.EXACT));
        lif = population(result.model(), "lif").getLif();
        assertEquals(ResetMode.RESET_SUBTRACT, lif.getResetMode());
        assertTrue(mentions(result.notes(), "v_reset", "ignored with --reset subtract"));
    }

    @Test
    void analogOutputsRecordTheSpikesBeforeThem()
    {
        final NirGraph graph = NirGraph.builder()
            .node("input", "Input", "shape", new int[] {2})
            .node("lif", "LIF", NirFixtures.lif(2, 0.01, 1, 0, 1))
            .node("readout", "Linear", "weight", new double[][] {{1, 1}})
            .node("output", "Output")
            .chain("input", "lif", "readout", "output").build();
        final NirImporter.Result result = load("analog", graph, EXACT);
        assertEquals(List.of("lif"), result.model().getRun().getRecordPopulationsList());
        assertTrue(mentions(result.warnings(), "Output 'output'", "analog"), result.warnings().toString());
        assertFalse(result.model().getNetwork().getPopulationsList().stream().anyMatch(p -> p.getName()
            .equals("readout")));
    }
}
