package org.chipsim.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.chipsim.chip.TestModels.lif;
import static org.chipsim.chip.TestModels.neuron;

import org.chipsim.core.SpikeRaster;
import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.ResetMode;
import org.chipsim.proto.v1.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Single neurons driven by a constant current (their bias) on the chip, checked against the closed-form solution of
 * the LIF equations. With no incoming weights the compiler quantizes a population to threshold = 1024 steps, so the
 * chosen currents are exact in fixed point.
 */
class LifAnalyticTest
{
    private static SpikeRaster runAlone(final LifNeuron lif, final long ticks)
    {
        final Model model = Model.newBuilder()
            .setNetwork(Network.newBuilder().addPopulations(lif("n", 1, lif)))
            .setRun(RunConfig.newBuilder().setTicks(ticks).addRecordPopulations("n"))
            .build();
        return TestModels.run(model, 1).raster();
    }

    /**
     * Leaky neuron from v = 0 with constant current I and decay a: v_n = I (1 - a^n) / (1 - a). It fires at the first
     * n with v_n >= theta, resets to 0, stays refractory R ticks and starts over: period = n + R.
     */
    @ParameterizedTest
    @CsvSource({"0.9, 0.25, 0", "0.8, 0.5, 0", "0.95, 0.1, 3", "0.5, 0.75, 1"})
    void shouldFireWithThePeriodTheLifEquationPredicts(final float decay, final float current, final int refractory)
    {
        final double a = decay;
        final int n = (int)Math.ceil(Math.log(1 - 1.0 * (1 - a) / current) / Math.log(a));
        final int period = n + refractory;
        final SpikeRaster raster = runAlone(neuron(1.0f).setDecay(decay).setBias(current)
            .setRefractoryTicks(refractory).build(), 20L * period);
        assertEquals(20, raster.size(), "spike count over 20 periods");
        for (int k = 0; k < raster.size(); k++)
        {
            // the first spike comes after n updates (ticks 0..n-1), then one every period
            assertEquals((long)n - 1 + (long)k * period, raster.tick(k), "spike " + k);
        }
    }

    @Test
    void shouldIntegrateExactlyWithoutLeak()
    {
        // I = theta / 8 per tick, no decay: v reaches theta after exactly 8 ticks, every time
        final SpikeRaster raster = runAlone(neuron(1.0f).setBias(0.125f).build(), 80);
        assertEquals(10, raster.size());
        for (int k = 0; k < raster.size(); k++)
        {
            assertEquals(7 + 8L * k, raster.tick(k));
        }
    }

    @Test
    void shouldKeepTheResidueWhenResettingBySubtraction()
    {
        // current 0.7 theta: reset-to-zero fires every 2nd tick (0.7, 1.4), subtraction keeps the residue and fires
        // at the exact rate 0.7 (717/1024 steps: floor(1000 * 717 / 1024) = 700 spikes in 1000 ticks)
        final SpikeRaster toZero = runAlone(neuron(1.0f).setBias(0.7f).build(), 1000);
        final SpikeRaster subtract = runAlone(neuron(1.0f).setBias(0.7f).setResetMode(ResetMode.RESET_SUBTRACT)
            .build(), 1000);
        assertEquals(500, toZero.size());
        assertEquals(700, subtract.size());
    }

    @Test
    void shouldNotDecayBelowTheLinearLeak()
    {
        // leak 0.1 theta per tick against bias 0.2: net +0.1 per tick after the first: fires at tick 9 (0.2 + 8 x 0.1)
        final SpikeRaster raster = runAlone(neuron(1.0f).setBias(0.2f).setLeak(0.1f).build(), 10);
        assertEquals(1, raster.size());
        assertEquals(8, raster.tick(0));
    }
}
