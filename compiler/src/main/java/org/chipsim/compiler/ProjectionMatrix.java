package org.chipsim.compiler;

import java.util.Arrays;

import org.chipsim.proto.v1.Projection;
import org.chipsim.core.SynapseView;

/**
 * Read access to one projection's weights by source row, the same for dense and sparse projections. Sparse
 * projections are turned into rows (CSR, columns ascending) once; dense ones are read in place.
 */
final class ProjectionMatrix
{
    private final Projection projection;
    private final int cols;
    private final int[] rowStart;
    private final int[] colIndex;
    private final float[] values;

    ProjectionMatrix(final Projection projection, final int rows, final int cols)
    {
        this.projection = projection;
        this.cols = cols;
        if (projection.getWeightsCount() > 0)
        {
            rowStart = null;
            colIndex = null;
            values = null;
            return;
        }
        final SynapseView view = new SynapseView(projection, rows, cols);
        final int count = (int)view.size();
        rowStart = new int[rows + 1];
        for (int k = 0; k < count; k++)
        {
            rowStart[view.pre(k) + 1]++;
        }
        for (int r = 0; r < rows; r++)
        {
            rowStart[r + 1] += rowStart[r];
        }
        // Bucket by row, then sort each row by column: (column << 32 | weight bits) sorts by column alone because
        // (pre, post) pairs are unique (the validator guarantees it).
        final long[] packed = new long[count];
        final int[] cursor = Arrays.copyOf(rowStart, rows);
        for (int k = 0; k < count; k++)
        {
            packed[cursor[view.pre(k)]++] = ((long)view.post(k) << 32) |
                (Float.floatToRawIntBits(view.weight(k)) & 0xFFFF_FFFFL);
        }
        colIndex = new int[count];
        values = new float[count];
        for (int r = 0; r < rows; r++)
        {
            Arrays.sort(packed, rowStart[r], rowStart[r + 1]);
        }
        for (int k = 0; k < count; k++)
        {
            colIndex[k] = (int)(packed[k] >>> 32);
            values[k] = Float.intBitsToFloat((int)packed[k]);
        }
    }

    /** Synapses with a non-zero weight. */
    long nonZeroCount()
    {
        long n = 0;
        if (values == null)
        {
            for (int k = 0; k < projection.getWeightsCount(); k++)
            {
                n += projection.getWeights(k) != 0f ? 1 : 0;
            }
            return n;
        }
        for (final float v : values)
        {
            n += v != 0f ? 1 : 0;
        }
        return n;
    }

    /** Copies row {@code row}'s weights for columns [from, to) into {@code out} (zeros where there is no synapse). */
    void row(final int row, final int from, final int to, final float[] out)
    {
        Arrays.fill(out, 0, to - from, 0f);
        if (values == null)
        {
            final int base = row * cols;
            for (int c = from; c < to; c++)
            {
                out[c - from] = projection.getWeights(base + c);
            }
            return;
        }
        final int lo = firstColumnAtOrAfter(row, from);
        for (int k = lo; k < rowStart[row + 1] && colIndex[k] < to; k++)
        {
            out[colIndex[k] - from] = values[k];
        }
    }

    /**
     * Writes into {@code colsOut} / {@code valsOut} the columns in [from, to) of row {@code row} with a non-zero
     * weight, in ascending order, and their weights; returns how many. The arrays must hold {@code to - from} entries.
     */
    int nonZeros(final int row, final int from, final int to, final int[] colsOut, final float[] valsOut)
    {
        int n = 0;
        if (values == null)
        {
            final int base = row * cols;
            for (int c = from; c < to; c++)
            {
                final float w = projection.getWeights(base + c);
                if (w != 0f)
                {
                    colsOut[n] = c;
                    valsOut[n++] = w;
                }
            }
            return n;
        }
        final int lo = firstColumnAtOrAfter(row, from);
        for (int k = lo; k < rowStart[row + 1] && colIndex[k] < to; k++)
        {
            if (values[k] != 0f)
            {
                colsOut[n] = colIndex[k];
                valsOut[n++] = values[k];
            }
        }
        return n;
    }

    /** Index of the first entry of sparse row {@code row} whose column is >= {@code from} (columns are sorted). */
    private int firstColumnAtOrAfter(final int row, final int from)
    {
        int lo = rowStart[row];
        int hi = rowStart[row + 1];
        while (lo < hi)
        {
            final int mid = (lo + hi) >>> 1;
            if (colIndex[mid] < from)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
