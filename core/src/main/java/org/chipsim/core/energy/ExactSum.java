package org.chipsim.core.energy;

import java.math.BigDecimal;

/**
 * Sums doubles exactly and rounds once, so a total does not depend on the order or grouping of its terms: the total of
 * per-core figures equals the total of per-component figures to the last bit.
 */
final class ExactSum
{
    private BigDecimal sum = BigDecimal.ZERO;

    ExactSum add(final double value)
    {
        if (value != 0.0)
        {
            sum = sum.add(new BigDecimal(value));
        }
        return this;
    }

    /** The exact sum, rounded to the nearest double. */
    double value()
    {
        return sum.doubleValue();
    }

    static double of(final double... values)
    {
        final ExactSum s = new ExactSum();
        for (final double v : values)
        {
            s.add(v);
        }
        return s.value();
    }
}
