package org.chipsim.core.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.chipsim.core.ModelException;
import org.chipsim.core.ModelValidator;
import org.chipsim.core.NetworkIndex;
import org.chipsim.core.SynapseView;
import org.chipsim.core.neuron.Quantization;
import org.chipsim.core.reference.ReferenceSimulator;
import org.chipsim.proto.v1.Conv2d;
import org.chipsim.proto.v1.Flatten;
import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Plasticity;
import org.chipsim.proto.v1.Pool2d;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.StdpPair;
import org.junit.jupiter.api.Test;

/** Conv2d, pooling and flatten layers: lowering against a direct computation, and validation. */
class LayersTest
{
    /** A conv's output written out directly (PyTorch semantics): y[co][oy][ox] = sum w[co][cl][ky][kx] x[ci][iy][ix]. */
    static double[] directConv(final double[] x, final int c, final int h, final int w, final float[] weight,
        final int cout, final int kh, final int kw, final int sh, final int sw, final int ph, final int pw,
        final int dh, final int dw, final int groups)
    {
        final int oh = (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1;
        final int ow = (w + 2 * pw - dw * (kw - 1) - 1) / sw + 1;
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
                                final int iy = oy * sh - ph + ky * dh;
                                final int ix = ox * sw - pw + kx * dw;
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

    /** Pooling written out directly: every output sums its window (zero padding), times weight. */
    static double[] directPool(final double[] x, final int c, final int h, final int w, final int k, final int s,
        final int p, final double weight)
    {
        final int oh = (h + 2 * p - k) / s + 1;
        final int ow = (w + 2 * p - k) / s + 1;
        final double[] y = new double[c * oh * ow];
        for (int ch = 0; ch < c; ch++)
        {
            for (int oy = 0; oy < oh; oy++)
            {
                for (int ox = 0; ox < ow; ox++)
                {
                    double sum = 0;
                    for (int ky = 0; ky < k; ky++)
                    {
                        for (int kx = 0; kx < k; kx++)
                        {
                            final int iy = oy * s - p + ky;
                            final int ix = ox * s - p + kx;
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w)
                            {
                                sum += x[(ch * h + iy) * w + ix];
                            }
                        }
                    }
                    y[(ch * oh + oy) * ow + ox] = sum * weight;
                }
            }
        }
        return y;
    }

    /** y = x * M through the projection's synapse view. */
    static double[] apply(final Projection projection, final int sourceSize, final int targetSize, final double[] x)
    {
        final SynapseView view = new SynapseView(projection, sourceSize, targetSize);
        final double[] y = new double[targetSize];
        for (int k = 0; k < view.size(); k++)
        {
            y[view.post(k)] += x[view.pre(k)] * view.weight(k);
        }
        return y;
    }

    static Model model(final int sourceSize, final int targetSize, final Projection.Builder projection)
    {
        return Model.newBuilder().setNetwork(Network.newBuilder()
            .addPopulations(Population.newBuilder().setName("in").setSize(sourceSize).setInput(true))
            .addPopulations(Population.newBuilder().setName("out").setSize(targetSize)
                .setLif(LifNeuron.newBuilder().setThreshold(1f)))
            .addProjections(projection.setSource("in").setTarget("out"))).build();
    }

    static float[] randomWeights(final SplittableRandom random, final int n)
    {
        final float[] w = new float[n];
        for (int i = 0; i < n; i++)
        {
            // a few exact zeros: no synapse
            w[i] = random.nextInt(8) == 0 ? 0f : (float)(random.nextDouble() * 2 - 1);
        }
        return w;
    }

    static Conv2d.Builder conv(final List<Integer> inputShape, final int cout, final float[] weight,
        final int... kernel)
    {
        final Conv2d.Builder conv = Conv2d.newBuilder().addAllInputShape(inputShape).setOutChannels(cout);
        for (final int k : kernel)
        {
            conv.addKernel(k);
        }
        for (final float w : weight)
        {
            conv.addWeight(w);
        }
        return conv;
    }

    @Test
    void conv2dLowersToADirectConvolutionOnRandomData()
    {
        final SplittableRandom random = new SplittableRandom(7);
        // {c, h, w, cout, kh, kw, sh, sw, ph, pw, dh, dw, groups}
        final int[][] cases = {
            {1, 8, 8, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1},
            {2, 6, 5, 4, 3, 3, 2, 2, 1, 1, 1, 1, 2},
            {2, 7, 9, 3, 3, 2, 1, 2, 0, 1, 2, 1, 1},
            {4, 5, 5, 6, 1, 1, 1, 1, 0, 0, 1, 1, 2},
            {3, 4, 6, 3, 5, 5, 1, 3, 2, 2, 1, 1, 3},
            {1, 3, 3, 2, 3, 3, 1, 1, 0, 0, 1, 1, 1},
        };
        for (final int[] p : cases)
        {
            final int c = p[0], h = p[1], w = p[2], cout = p[3], kh = p[4], kw = p[5];
            final int oh = (h + 2 * p[8] - p[10] * (kh - 1) - 1) / p[6] + 1;
            final int ow = (w + 2 * p[9] - p[11] * (kw - 1) - 1) / p[7] + 1;
            final float[] weight = randomWeights(random, cout * c / p[12] * kh * kw);
            final Conv2d.Builder conv = conv(p[0] % 2 == 0 ? List.of(c, h, w) : List.of(h, w), cout, weight, kh, kw)
                .addStride(p[6]).addStride(p[7]).addPadding(p[8]).addPadding(p[9]).addDilation(p[10])
                .addDilation(p[11]).setGroups(p[12]);
            final Model model = model(c * h * w, cout * oh * ow, Projection.newBuilder().setConv2D(conv));
            ModelValidator.validate(model);
            final Projection projection = model.getNetwork().getProjections(0);
            for (int trial = 0; trial < 3; trial++)
            {
                final double[] x = new double[c * h * w];
                for (int i = 0; i < x.length; i++)
                {
                    x[i] = random.nextDouble();
                }
                final double[] expected = directConv(x, c, h, w, weight, cout, kh, kw, p[6], p[7], p[8], p[9], p[10],
                    p[11], p[12]);
                assertArrayEquals(expected, apply(projection, c * h * w, cout * oh * ow, x), 1e-9,
                    Arrays.toString(p));
                // the two-argument view (source size unknown) lowers to the same synapses
                assertArrayEquals(expected, applyTargetOnly(projection, cout * oh * ow, x), 1e-9);
            }
            // no zero weights, no repeated pairs, sorted by (pre, post)
            final SynapseView view = new SynapseView(projection, c * h * w, cout * oh * ow);
            for (int k = 0; k < view.size(); k++)
            {
                assertTrue(view.weight(k) != 0f);
                if (k > 0)
                {
                    final long previous = (long)view.pre(k - 1) << 32 | view.post(k - 1);
                    assertTrue(((long)view.pre(k) << 32 | view.post(k)) > previous);
                }
            }
        }
    }

    static double[] applyTargetOnly(final Projection projection, final int targetSize, final double[] x)
    {
        final SynapseView view = new SynapseView(projection, targetSize);
        final double[] y = new double[targetSize];
        for (int k = 0; k < view.size(); k++)
        {
            y[view.post(k)] += x[view.pre(k)] * view.weight(k);
        }
        return y;
    }

    @Test
    void poolingLowersToADirectWindowSum()
    {
        final SplittableRandom random = new SplittableRandom(11);
        // {c, h, w, k, stride (0 = kernel), padding}
        for (final int[] p : new int[][] {{2, 4, 4, 2, 0, 0}, {3, 7, 7, 3, 2, 1}, {1, 5, 5, 2, 1, 0}})
        {
            final int s = p[4] == 0 ? p[3] : p[4];
            final int oh = (p[1] + 2 * p[5] - p[3]) / s + 1;
            final int ow = (p[2] + 2 * p[5] - p[3]) / s + 1;
            for (final boolean average : new boolean[] {false, true})
            {
                final Pool2d.Builder pool = Pool2d.newBuilder().addInputShape(p[0]).addInputShape(p[1])
                    .addInputShape(p[2]).addKernel(p[3]).addPadding(p[5]).setWeight(0.5f);
                if (p[4] != 0)
                {
                    pool.addStride(p[4]);
                }
                final Projection.Builder projection = average ? Projection.newBuilder().setAvgPool2D(pool) :
                    Projection.newBuilder().setSumPool2D(pool);
                final Model model = model(p[0] * p[1] * p[2], p[0] * oh * ow, projection);
                ModelValidator.validate(model);
                final double[] x = new double[p[0] * p[1] * p[2]];
                for (int i = 0; i < x.length; i++)
                {
                    x[i] = random.nextDouble();
                }
                final double weight = average ? (float)(0.5 / (p[3] * p[3])) : 0.5;
                assertArrayEquals(directPool(x, p[0], p[1], p[2], p[3], s, p[5], weight),
                    apply(model.getNetwork().getProjections(0), x.length, p[0] * oh * ow, x), 1e-9,
                    Arrays.toString(p) + (average ? " avg" : " sum"));
            }
        }
    }

    @Test
    void flattenIsOneToOne()
    {
        final Model model = model(5, 5, Projection.newBuilder().setFlatten(Flatten.newBuilder().setWeight(0.25f)));
        ModelValidator.validate(model);
        final double[] x = {1, 2, 3, 4, 5};
        assertArrayEquals(new double[] {0.25, 0.5, 0.75, 1, 1.25}, apply(model.getNetwork().getProjections(0), 5, 5, x),
            0);
        final Model unit = model(3, 3, Projection.newBuilder().setFlatten(Flatten.getDefaultInstance()));
        assertArrayEquals(new double[] {1, 2, 3}, apply(unit.getNetwork().getProjections(0), 3, 3, new double[] {1, 2,
            3}), 0);
    }

    @Test
    void convBiasAddsToEveryNeuronOfItsChannel()
    {
        // 1 x 3 x 3 input, 2 output channels of 1 x 1 kernels: outputs 2 x 3 x 3
        final Conv2d.Builder conv = conv(List.of(3, 3), 2, new float[] {1f, -1f}, 1).addBias(0.25f).addBias(-0.5f);
        final Model model = model(9, 18, Projection.newBuilder().setConv2D(conv)).toBuilder()
            .setNetwork(model(9, 18, Projection.newBuilder().setConv2D(conv)).getNetwork().toBuilder()
                .setPopulations(1, Population.newBuilder().setName("out").setSize(18)
                    .setLif(LifNeuron.newBuilder().setThreshold(1f).setBias(0.125f))))
            .build();
        ModelValidator.validate(model);
        final Network network = model.getNetwork();
        final NetworkIndex index = new NetworkIndex(network);
        final double[] biases = Quantization.biases(network, index, 1);
        for (int j = 0; j < 18; j++)
        {
            assertEquals(j < 9 ? 0.375 : -0.375, biases[j], 1e-9, "neuron " + j);
        }
        // scale: max |w| = 1 -> 127 steps; 0.375 -> 47.625 -> 48 steps
        final double scale = Quantization.populationScale(network, index, 1, 8);
        assertEquals(1.0 / 127, scale, 1e-12);
        assertEquals(48, Quantization.quantizeBiases(network, index, 1, scale)[0]);
        assertEquals(-48, Quantization.quantizeBiases(network, index, 1, scale)[17]);
        // and the reference simulator drives every neuron with it: with no input, channel 0 fires, channel 1 does not
        final ReferenceSimulator reference = new ReferenceSimulator(model, ReferenceSimulator.Mode.FIXED_POINT);
        final long spikes = reference.run(10).filter(index.firstGlobalId(1), index.firstGlobalId(1) + 18).size();
        assertTrue(spikes > 0 && spikes % 9 == 0, "spikes " + spikes);
    }

    // -----------------------------------------------------------------------------------------------------------------
    // Validation: one line naming the projection and the mismatch
    // -----------------------------------------------------------------------------------------------------------------

    /** A valid conv: 1 x 4 x 4 input, 2 channels of 3 x 3, padding 1 -> 2 x 4 x 4 = 32 outputs. */
    static Conv2d.Builder validConv()
    {
        return conv(List.of(1, 4, 4), 2, new float[18], 3).addPadding(1);
    }

    static String rejection(final int sourceSize, final int targetSize, final Projection.Builder projection)
    {
        final Model model = model(sourceSize, targetSize, projection.setName("conv1"));
        final ModelException e = assertThrows(ModelException.class, () -> ModelValidator.validate(model));
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("projection #0 'conv1'"), e.getMessage());
        return e.getMessage();
    }

    static String convRejection(final int targetSize, final Consumer<Conv2d.Builder> change)
    {
        final Conv2d.Builder conv = validConv();
        change.accept(conv);
        return rejection(16, targetSize, Projection.newBuilder().setConv2D(conv));
    }

    static void assertMentions(final String message, final String... parts)
    {
        for (final String part : parts)
        {
            assertTrue(message.contains(part), "'" + part + "' in: " + message);
        }
    }

    @Test
    void validConvIsAccepted()
    {
        ModelValidator.validate(model(16, 32, Projection.newBuilder().setConv2D(validConv())));
    }

    @Test
    void rejectsATargetOfTheWrongSize()
    {
        assertMentions(convRejection(30, c -> { }), "conv2d gives 2 x 4 x 4 = 32 outputs", "target population has 30",
            "shapes do not chain");
    }

    @Test
    void rejectsAnInputShapeThatIsNotTheSource()
    {
        assertMentions(convRejection(32, c -> c.clearInputShape().addAllInputShape(List.of(2, 4, 4))),
            "conv2d.input_shape [2, 4, 4] has 32 values but the source population has 16 neurons");
        assertMentions(convRejection(32, c -> c.clearInputShape().addAllInputShape(List.of(3, 3))),
            "16 neurons are not a whole number of 3 x 3 channels");
        assertMentions(convRejection(32, c -> c.clearInputShape().addAllInputShape(List.of(16))),
            "conv2d.input_shape has 1 values");
    }

    @Test
    void rejectsAKernelLargerThanThePaddedInput()
    {
        assertMentions(convRejection(32, c -> c.clearKernel().addKernel(7).clearWeight()
            .addAllWeight(java.util.Collections.nCopies(98, 0f))), "the kernel 7 x 7 does not fit the padded input " +
            "6 x 6 (input 4 x 4, padding 1)");
        assertMentions(convRejection(32, c -> c.clearPadding().addDilation(3)),
            "the kernel 3 x 3 with dilation 3 spans 7 x 7 and does not fit the padded input 4 x 4");
    }

    @Test
    void rejectsAStrideOfZero()
    {
        assertMentions(convRejection(32, c -> c.addStride(0)), "conv2d: stride 0 must be >= 1");
    }

    @Test
    void rejectsChannelsNotDivisibleByGroups()
    {
        assertMentions(convRejection(48, c -> c.setOutChannels(3).setGroups(2)),
            "groups 2 must divide both the input channels 1 and out_channels 3");
    }

    @Test
    void rejectsAWrongWeightCount()
    {
        assertMentions(convRejection(32, c -> c.addWeight(1f)), "conv2d.weight has 19 values, expected " +
            "out_channels 2 x in_channels/groups 1 x kernel 3 x 3 = 18");
        assertMentions(convRejection(32, c -> c.addBias(1f)), "conv2d.bias has 1 values, expected out_channels 2");
        assertMentions(convRejection(32, c -> c.setWeight(3, Float.NaN)), "conv2d.weight[3] is NaN");
    }

    @Test
    void rejectsLayersMixedWithWeightsOrLearning()
    {
        assertMentions(rejection(16, 32, Projection.newBuilder().setConv2D(validConv()).addWeights(1f)),
            "uses more than one of weights, synapses, sparse and a layer");
        assertMentions(rejection(16, 32, Projection.newBuilder().setConv2D(validConv())
            .setPlasticity(Plasticity.newBuilder().setStdpPair(StdpPair.newBuilder().setTauPlusTicks(1)
                .setTauMinusTicks(1)))), "a conv2d layer cannot learn");
    }

    @Test
    void rejectsBadPoolingAndFlatten()
    {
        assertMentions(rejection(16, 4, Projection.newBuilder().setAvgPool2D(Pool2d.newBuilder()
            .addAllInputShape(List.of(4, 4)).addKernel(2).addStride(0))), "avg_pool2d: stride 0 must be >= 1");
        assertMentions(rejection(16, 5, Projection.newBuilder().setSumPool2D(Pool2d.newBuilder()
            .addAllInputShape(List.of(4, 4)).addKernel(2))), "sum_pool2d gives 1 x 2 x 2 = 4 outputs",
            "target population has 5");
        assertMentions(rejection(16, 4, Projection.newBuilder().setSumPool2D(Pool2d.newBuilder()
            .addAllInputShape(List.of(4, 4)))), "sum_pool2d.kernel has 0 values");
        assertMentions(rejection(16, 15, Projection.newBuilder().setFlatten(Flatten.getDefaultInstance())),
            "the source has 16 neurons and the target 15");
    }

    @Test
    void hugeParametersAreRefusedWithoutOverflowOrHugeWork()
    {
        assertMentions(convRejection(32, c -> c.clearInputShape().addAllInputShape(List.of(Integer.MAX_VALUE,
            Integer.MAX_VALUE, Integer.MAX_VALUE))), "has 9903520300447984150353281023 values but the source " +
            "population has 16 neurons");
        assertMentions(convRejection(32, c -> c.clearPadding().addPadding(Integer.MAX_VALUE)),
            "more than a population can hold");
        // a pooling window padded to 65,536 x 65,536 over a 4 x 4 image: 2^32 synapses at most, over the limit
        assertMentions(rejection(16, 1, Projection.newBuilder().setSumPool2D(Pool2d.newBuilder()
            .addAllInputShape(List.of(4, 4)).addKernel(65_536).addPadding(32_766))), "more than 2147483648 synapses");
    }

    @Test
    void rejectsShapesThatDoNotChainBetweenLayers()
    {
        // conv makes 'mid' 2 x 4 x 4; the pool reads it as 8 x 2 x 2 (also 32 values)
        final Model model = Model.newBuilder().setNetwork(Network.newBuilder()
            .addPopulations(Population.newBuilder().setName("in").setSize(16).setInput(true))
            .addPopulations(Population.newBuilder().setName("mid").setSize(32)
                .setLif(LifNeuron.newBuilder().setThreshold(1f)))
            .addPopulations(Population.newBuilder().setName("out").setSize(8)
                .setLif(LifNeuron.newBuilder().setThreshold(1f)))
            .addProjections(Projection.newBuilder().setName("conv1").setSource("in").setTarget("mid")
                .setConv2D(validConv()))
            .addProjections(Projection.newBuilder().setName("pool1").setSource("mid").setTarget("out")
                .setSumPool2D(Pool2d.newBuilder().addAllInputShape(List.of(8, 2, 2)).addKernel(2)))).build();
        final ModelException e = assertThrows(ModelException.class, () -> ModelValidator.validate(model));
        assertEquals("projection #1 'pool1' reads population 'mid' as 8 x 2 x 2 but projection #0 'conv1' makes it " +
            "as 2 x 4 x 4; shapes do not chain", e.getMessage());
        // read as (H, W), the channels follow from the size and the shapes chain
        ModelValidator.validate(model.toBuilder().setNetwork(model.getNetwork().toBuilder().setProjections(1,
            model.getNetwork().getProjections(1).toBuilder().setSumPool2D(Pool2d.newBuilder()
                .addAllInputShape(List.of(4, 4)).addKernel(2)))).build());
    }
}
