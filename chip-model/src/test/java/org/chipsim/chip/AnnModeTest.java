package org.chipsim.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.chipsim.compiler.Compiler;
import org.chipsim.core.SpikeRaster;
import org.chipsim.proto.v1.AnnActivation;
import org.chipsim.proto.v1.AnnNeuron;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.SpikeTrain;
import org.chipsim.proto.v1.SpikeTrains;
import org.chipsim.proto.v1.Stimulus;
import org.junit.jupiter.api.Test;

/**
 * A small MLP in ANN mode checked against integer arithmetic done by hand (docs/ann-mode.md): 3 spiking inputs
 * counted over windows of 4 ticks, a 2-neuron RELU layer (8-bit activations), a 1-neuron CLAMP layer.
 */
class AnnModeTest
{
    private static final int WINDOW = 4;

    private static Population ann(final String name, final int size, final AnnActivation activation, final int bits,
        final float max, final float... biases)
    {
        final AnnNeuron.Builder ann = AnnNeuron.newBuilder().setActivation(activation).setActivationBits(bits)
            .setActivationMax(max).setWindowTicks(WINDOW);
        for (final float b : biases)
        {
            ann.addBiases(b);
        }
        return Population.newBuilder().setName(name).setSize(size).setAnn(ann).build();
    }

    private static Stimulus trains(final int[][] ticks)
    {
        final SpikeTrains.Builder trains = SpikeTrains.newBuilder();
        for (int i = 0; i < ticks.length; i++)
        {
            final SpikeTrain.Builder train = SpikeTrain.newBuilder().setPopulation("in").setNeuron(i);
            for (final int t : ticks[i])
            {
                train.addTicks(t);
            }
            trains.addTrains(train);
        }
        return Stimulus.newBuilder().setSpikeTrains(trains).build();
    }

    /** in (3) -> h (ANN RELU 8 bits, max 1.0) -> o (ANN CLAMP 8 bits, max 2.0). */
    static Model mlp(final long ticks)
    {
        final Network network = Network.newBuilder()
            .addPopulations(TestModels.input("in", 3))
            .addPopulations(ann("h", 2, AnnActivation.ANN_ACTIVATION_RELU, 8, 1.0f, 0.1f, -0.05f))
            .addPopulations(ann("o", 1, AnnActivation.ANN_ACTIVATION_CLAMP, 8, 2.0f))
            .addProjections(TestModels.dense("in", "h", new float[] {0.3f, -0.2f, 1.0f, 0.45f, -0.6f, 0.7f}, 0))
            .addProjections(TestModels.dense("h", "o", new float[] {0.8f, -0.3f}, 0))
            .build();
        // in0 at 0, 1, 2 (due 1..3: window 0) and 3 (due 4: window 1); in1 at 4, 5 (window 1); in2 at 0, 2 (window 0)
        return Model.newBuilder().setName("ann-mlp").setNetwork(network)
            .setStimulus(trains(new int[][] {{0, 1, 2, 3}, {4, 5}, {0, 2}}))
            .setRun(RunConfig.newBuilder().setTicks(ticks))
            .build();
    }

    private static CoreProgram coreOf(final ChipProgram program, final int population)
    {
        return program.getCoresList().stream().filter(c -> c.getPopulation() == population).findFirst()
            .orElseThrow();
    }

    /** Activations of a one-core ANN population after the run. */
    private static int[] outputs(final ChipSimulation simulation, final ChipProgram program, final int population)
    {
        final CoreProgram cp = coreOf(program, population);
        final Core core = simulation.core(cp.getCoreId());
        final int[] y = new int[cp.getNeuronCount()];
        for (int j = 0; j < y.length; j++)
        {
            y[j] = core.annOutput(j);
        }
        return y;
    }

    @Test
    void shouldQuantizeTheMlpAsComputedByHand()
    {
        final ChipProgram program = Compiler.compile(mlp(8));
        final CoreProgram h = coreOf(program, 1);
        // in -> h: a spike count step is 1/4 of rate, so the folded weights are W/4; the largest, 1.0/4, maps to 127:
        // q = round(|W| * 127): 0.3 -> 38.1 -> 38, 0.2 -> 25.4 -> 25, 0.45 -> 57.15 -> 57, 0.6 -> 76.2 -> 76,
        // 0.7 -> 88.9 -> 89
        assertArrayEquals(new byte[] {38, -25, 127, 57, -76, 89}, h.getWeights().toByteArray());
        // biases in accumulator steps of 0.25/127: 0.1 -> 50.8 -> 51, -0.05 -> -25.4 -> -25
        assertEquals(java.util.List.of(51, -25), h.getBiasList());
        // accumulator step / activation step = (0.25/127) / (1/255) = 0.50197: x 2^24 = 8421634.02 (< 2^24)
        assertEquals(8421634, h.getAnn().getOutMultiplier());
        assertEquals(24, h.getAnn().getOutShift());
        final CoreProgram o = coreOf(program, 2);
        // h -> o: input step 1/255; 0.8 -> 127, -0.3 -> -(0.3/0.8 * 127 = 47.6) -> -48
        assertArrayEquals(new byte[] {127, -48}, o.getWeights().toByteArray());
        // (0.8/255/127) / (2/127) = 0.0015686: x 2^33 = 13474407.2
        assertEquals(13474407, o.getAnn().getOutMultiplier());
        assertEquals(33, o.getAnn().getOutShift());
    }

    @Test
    void shouldComputeTheMlpAsIntegerArithmeticByHand()
    {
        final long mh = 8421634;
        final long mo = 13474407;
        // window 0 (ticks 0..3): x = (3, 0, 2)
        final long h0w0 = 38 * 3 + 127 * 0 + -76 * 2 + 51;   // 13
        final long h1w0 = -25 * 3 + 57 * 0 + 89 * 2 - 25;    // 78
        final int yh0w0 = (int)((h0w0 * mh + (1L << 23)) >> 24);   // 7
        final int yh1w0 = (int)((h1w0 * mh + (1L << 23)) >> 24);   // 39
        // window 1 (ticks 4..7): x = (1, 2, 0); o sums h's window-0 activations
        final long h0w1 = 38 * 1 + 127 * 2 + 51;             // 343
        final long h1w1 = -25 * 1 + 57 * 2 - 25;             // 64
        final int yh0w1 = (int)((h0w1 * mh + (1L << 23)) >> 24);   // 172
        final int yh1w1 = (int)((h1w1 * mh + (1L << 23)) >> 24);   // 32
        final long ow1 = 127L * yh0w0 - 48L * yh1w0;        // -983
        final int yow1 = (int)Math.max(-127, Math.min(127, (ow1 * mo + (1L << 32)) >> 33));  // -2
        assertEquals(7, yh0w0);
        assertEquals(39, yh1w0);
        assertEquals(-2, yow1);

        final ChipProgram eight = Compiler.compile(mlp(8));
        final ChipSimulation first = new ChipSimulation(eight, RunOptions.defaults().withWorkers(1));
        final RunResult r8 = first.run();
        assertArrayEquals(new int[] {yh0w1, yh1w1}, outputs(first, eight, 1), "h after window 1");
        assertArrayEquals(new int[] {yow1}, outputs(first, eight, 2), "o after window 1");

        // window 2 (ticks 8..11): no input, h = act(bias); o sums h's window-1 activations
        final int yh0w2 = (int)Math.max(0, (51 * mh + (1L << 23)) >> 24);    // 26
        final int yh1w2 = (int)Math.max(0, (-25 * mh + (1L << 23)) >> 24);   // -13 -> 0
        final long ow2 = 127L * yh0w1 - 48L * yh1w1;
        final int yow2 = (int)Math.max(-127, Math.min(127, (ow2 * mo + (1L << 32)) >> 33));
        final ChipProgram twelve = Compiler.compile(mlp(12));
        final ChipSimulation second = new ChipSimulation(twelve, RunOptions.defaults().withWorkers(2));
        final RunResult r12 = second.run();
        assertArrayEquals(new int[] {yh0w2, yh1w2}, outputs(second, twelve, 1), "h after window 2");
        assertArrayEquals(new int[] {yow2}, outputs(second, twelve, 2), "o after window 2");

        // MACs: one per non-zero weight of a row whose window input is non-zero. h: window 0 rows in0, in2 (2 + 2),
        // window 1 rows in0, in1 (2 + 2), window 2 none; o: windows 1 and 2 both rows (1 + 1 each)
        assertEquals(4 + 4 + 2, r8.total(CoreCounter.MACS));
        assertEquals(4 + 4 + 0 + 2 + 2, r12.total(CoreCounter.MACS));
        // activation packets: h sends its non-zero activations, 2 + 2 + 1 (window 2: only neuron 0); the last one is
        // due at tick 12, after the run
        assertEquals(5, r12.total(CoreCounter.ACT_PACKETS_SENT));
        assertEquals(4, r12.total(CoreCounter.ACT_PACKETS_DELIVERED));
        assertEquals(1, r12.total(CoreCounter.ACT_PENDING_AT_END));
        // the 8 input spikes are counted in windows 0 and 1 and delivered at their evaluation
        assertEquals(8, r12.inputPackets());
        assertEquals(8, r12.total(CoreCounter.SPIKES_DELIVERED));
        assertEquals(0, r12.total(CoreCounter.PENDING_AT_END));
    }

    @Test
    void shouldFireRateCodedSpikesOfTheHeldActivation()
    {
        // in -> r (ANN RELU, 2 bits: activations 0..3 for 0..1.0) -> s (LIF): the rate-coded ANN -> SNN boundary
        final Network network = Network.newBuilder()
            .addPopulations(TestModels.input("in", 1))
            .addPopulations(ann("r", 1, AnnActivation.ANN_ACTIVATION_RELU, 2, 1.0f))
            .addPopulations(TestModels.lif("s", 1, TestModels.neuron(100f).build()))
            .addProjections(TestModels.dense("in", "r", new float[] {1f}, 0))
            .addProjections(TestModels.dense("r", "s", new float[] {1f}, 0))
            .build();
        final Model model = Model.newBuilder().setNetwork(network)
            .setStimulus(trains(new int[][] {{0, 1, 2, 4}}))
            .setRun(RunConfig.newBuilder().setTicks(12).addRecordPopulations("r"))
            .build();
        final ChipProgram program = Compiler.compile(model);
        final CoreProgram r = coreOf(program, 1);
        assertEquals(127, r.getWeights().byteAt(0));
        // x = 3 in window 0, 1 in window 1; real z = x / 4 (rate), in activation steps of 1/3: 2.25 and 0.75
        final long m = r.getAnn().getOutMultiplier();
        final int shift = r.getAnn().getOutShift();
        final int y0 = (int)Math.min(3, (127L * 3 * m + (1L << (shift - 1))) >> shift);
        final int y1 = (int)Math.min(3, (127L * 1 * m + (1L << (shift - 1))) >> shift);
        assertEquals(2, y0);
        assertEquals(1, y1);
        // window 1 (ticks 4..7) emits y0 = 2 against a threshold of 3: v = 2, 4 -> spike (1), 3 -> spike (0), 2;
        // window 2 (ticks 8..11) emits y1 = 1 on the carried phase: v = 3 -> spike (0), 1, 2, 3 -> spike (0)
        final RunResult result = new ChipSimulation(program, RunOptions.defaults().withWorkers(1)).run();
        final long[] expected = {SpikeRaster.encode(5, 1), SpikeRaster.encode(6, 1), SpikeRaster.encode(8, 1),
            SpikeRaster.encode(11, 1)};
        assertEquals(SpikeRaster.of(expected, expected.length), result.raster().filter(1, 2));
        assertEquals(4, result.total(CoreCounter.SPIKES_OUT));
    }
}
