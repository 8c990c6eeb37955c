package org.chipsim.core.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chipsim.core.ModelException;
import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.QuantizedLif;
import org.chipsim.proto.v1.ResetMode;
import org.junit.jupiter.api.Test;

class FixedPointLifTest
{
    private static FixedPointLif lif(final int threshold, final double decay, final int leak)
    {
        return new FixedPointLif(QuantizedLif.newBuilder().setThreshold(threshold)
            .setDecayQ16((int)Math.round(decay * 65536)).setLeak(leak).build());
    }

    @Test
    void shouldDecayWithRoundHalfUp()
    {
        final FixedPointLif half = lif(1000, 0.5, 0);
        assertEquals(50, half.integrate(100, 0, 0));
        assertEquals(51, half.integrate(101, 0, 0), "50.5 rounds up");
        assertEquals(-50, half.integrate(-101, 0, 0), "-50.5 rounds up to -50");
    }

    @Test
    void shouldLeakTowardsZeroOnlyFromAbove()
    {
        final FixedPointLif leaky = lif(1000, 1.0, 10);
        assertEquals(90, leaky.integrate(100, 0, 0));
        assertEquals(0, leaky.integrate(5, 0, 0), "leak stops at zero");
        assertEquals(-5, leaky.integrate(-5, 0, 0), "no leak below zero");
        assertEquals(95, leaky.integrate(100, 3, 2), "bias and input after the leak");
    }

    @Test
    void shouldSaturateTheMembraneAtInt32()
    {
        final FixedPointLif lif = lif(Integer.MAX_VALUE, 1.0, 0);
        assertEquals(Integer.MAX_VALUE, lif.integrate(Integer.MAX_VALUE - 5, 100, 0));
        assertEquals(Integer.MIN_VALUE, lif.integrate(Integer.MIN_VALUE + 5, -100, 0));
    }

    @Test
    void shouldResetToValueOrBySubtraction()
    {
        final FixedPointLif toValue = new FixedPointLif(QuantizedLif.newBuilder().setThreshold(100)
            .setDecayQ16(65536).setVReset(-7).build());
        final FixedPointLif subtract = new FixedPointLif(QuantizedLif.newBuilder().setThreshold(100)
            .setDecayQ16(65536).setResetMode(ResetMode.RESET_SUBTRACT).build());
        assertTrue(toValue.fires(100));
        assertEquals(-7, toValue.reset(130));
        assertEquals(30, subtract.reset(130));
    }

    @Test
    void shouldQuantizeTheLargestWeightToTheLargestInteger()
    {
        assertEquals(127, Quantization.maxWeight(8));
        assertEquals(7, Quantization.maxWeight(4));
        final double scale = 0.5 / 127;
        assertEquals(127, Quantization.quantizeWeight(0.5f, scale, 8));
        assertEquals(-127, Quantization.quantizeWeight(-0.5f, scale, 8));
        assertEquals(64, Quantization.quantizeWeight(0.25f, scale, 8), "63.5 rounds away from zero");
        assertEquals(127, Quantization.quantizeWeight(9f, scale, 8), "clamped");
    }

    @Test
    void shouldRefuseAThresholdBeyondTheMembraneRange()
    {
        final LifNeuron lif = LifNeuron.newBuilder().setThreshold(1e6f).build();
        final ModelException e = assertThrows(ModelException.class,
            () -> Quantization.quantizeLif("big", lif, 1e-6));
        assertTrue(e.getMessage().contains("population 'big': lif.threshold"), e.getMessage());
    }
}
