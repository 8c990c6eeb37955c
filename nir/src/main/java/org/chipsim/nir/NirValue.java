package org.chipsim.nir;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One parameter of a NIR node as stored in the file: a numeric array (any rank, flattened in C order, with its shape;
 * a scalar has shape {@code []}), a string, or a group of named values (NIR writes Python dicts such as
 * {@code input_type} as HDF5 groups).
 */
public final class NirValue
{
    private final double[] numbers;
    private final int[] shape;
    private final String text;
    private final Map<String, NirValue> group;

    private NirValue(final double[] numbers, final int[] shape, final String text, final Map<String, NirValue> group)
    {
        this.numbers = numbers;
        this.shape = shape;
        this.text = text;
        this.group = group;
    }

    /** A numeric array in C order with the given shape ({@code []} for a scalar). */
    public static NirValue array(final double[] flat, final int... shape)
    {
        long count = 1;
        for (final int d : shape)
        {
            count *= d;
        }
        if (count != flat.length)
        {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + count +
                " values, got " + flat.length);
        }
        return new NirValue(flat.clone(), shape.clone(), null, null);
    }

    /** A one-dimensional array. */
    public static NirValue vector(final double... values)
    {
        return array(values, values.length);
    }

    public static NirValue scalar(final double value)
    {
        return new NirValue(new double[] {value}, new int[0], null, null);
    }

    /** A dense matrix given row by row (rows x columns). */
    public static NirValue matrix(final double[][] rows)
    {
        final int columns = rows.length == 0 ? 0 : rows[0].length;
        final double[] flat = new double[rows.length * columns];
        for (int i = 0; i < rows.length; i++)
        {
            if (rows[i].length != columns)
            {
                throw new IllegalArgumentException("ragged matrix: row " + i + " has " + rows[i].length +
                    " values, row 0 has " + columns);
            }
            System.arraycopy(rows[i], 0, flat, i * columns, columns);
        }
        return array(flat, rows.length, columns);
    }

    public static NirValue text(final String text)
    {
        return new NirValue(null, null, text, null);
    }

    public static NirValue group(final Map<String, NirValue> values)
    {
        return new NirValue(null, null, null, Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    public boolean isNumeric()
    {
        return numbers != null;
    }

    public boolean isText()
    {
        return text != null;
    }

    public boolean isGroup()
    {
        return group != null;
    }

    /** The values in C order (a copy is not made: callers must not modify it). */
    public double[] numbers()
    {
        return numbers;
    }

    public int[] shape()
    {
        return shape.clone();
    }

    public int size()
    {
        return numbers.length;
    }

    public String text()
    {
        return text;
    }

    public Map<String, NirValue> group()
    {
        return group;
    }

    @Override
    public String toString()
    {
        if (text != null)
        {
            return "'" + text + "'";
        }
        if (group != null)
        {
            return group.toString();
        }
        if (shape.length == 0)
        {
            return Double.toString(numbers[0]);
        }
        return "array" + Arrays.toString(shape);
    }
}
