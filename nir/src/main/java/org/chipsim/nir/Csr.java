package org.chipsim.nir;

import java.util.Arrays;

/**
 * A sparse real matrix in compressed-row form: the linear map from one signal (rows) to another (columns) that a chain
 * of NIR operator nodes (Affine, Conv2d, pooling, ...) computes. {@code y = x * M}: row i holds the weights from input
 * element i to every output element. Immutable; entries in a row are sorted by column and have no duplicates.
 */
final class Csr
{
    final int rows;
    final int cols;
    final int[] start;
    final int[] col;
    final double[] val;

    private Csr(final int rows, final int cols, final int[] start, final int[] col, final double[] val)
    {
        this.rows = rows;
        this.cols = cols;
        this.start = start;
        this.col = col;
        this.val = val;
    }

    static Csr identity(final int n)
    {
        final int[] start = new int[n + 1];
        final int[] col = new int[n];
        final double[] val = new double[n];
        for (int i = 0; i < n; i++)
        {
            start[i + 1] = i + 1;
            col[i] = i;
            val[i] = 1.0;
        }
        return new Csr(n, n, start, col, val);
    }

    static Csr diagonal(final double[] d)
    {
        final Triplets t = new Triplets(d.length, d.length);
        for (int i = 0; i < d.length; i++)
        {
            t.add(i, i, d[i]);
        }
        return t.build();
    }

    int nonZeros()
    {
        return start[rows];
    }

    /** this (rows x k) times b (k x b.cols). */
    Csr multiply(final Csr b)
    {
        if (cols != b.rows)
        {
            throw new IllegalArgumentException(rows + "x" + cols + " times " + b.rows + "x" + b.cols);
        }
        final double[] acc = new double[b.cols];
        final boolean[] touched = new boolean[b.cols];
        int[] touchedList = new int[16];
        final int[] outStart = new int[rows + 1];
        int[] outCol = new int[Math.max(16, nonZeros())];
        double[] outVal = new double[outCol.length];
        int n = 0;
        for (int i = 0; i < rows; i++)
        {
            int count = 0;
            for (int p = start[i]; p < start[i + 1]; p++)
            {
                final int k = col[p];
                final double a = val[p];
                for (int q = b.start[k]; q < b.start[k + 1]; q++)
                {
                    final int j = b.col[q];
                    if (!touched[j])
                    {
                        touched[j] = true;
                        if (count == touchedList.length)
                        {
                            touchedList = Arrays.copyOf(touchedList, count * 2);
                        }
                        touchedList[count++] = j;
                    }
                    acc[j] += a * b.val[q];
                }
            }
            Arrays.sort(touchedList, 0, count);
            if (n + count > outCol.length)
            {
                final int size = Math.max(outCol.length * 2, n + count);
                outCol = Arrays.copyOf(outCol, size);
                outVal = Arrays.copyOf(outVal, size);
            }
            for (int c = 0; c < count; c++)
            {
                final int j = touchedList[c];
                if (acc[j] != 0.0)
                {
                    outCol[n] = j;
                    outVal[n] = acc[j];
                    n++;
                }
                acc[j] = 0.0;
                touched[j] = false;
            }
            outStart[i + 1] = n;
        }
        return new Csr(rows, b.cols, outStart, Arrays.copyOf(outCol, n), Arrays.copyOf(outVal, n));
    }

    /** this + other (same shape). */
    Csr plus(final Csr other)
    {
        if (rows != other.rows || cols != other.cols)
        {
            throw new IllegalArgumentException(rows + "x" + cols + " plus " + other.rows + "x" + other.cols);
        }
        final Triplets t = new Triplets(rows, cols);
        for (final Csr m : new Csr[] {this, other})
        {
            for (int i = 0; i < m.rows; i++)
            {
                for (int p = m.start[i]; p < m.start[i + 1]; p++)
                {
                    t.add(i, m.col[p], m.val[p]);
                }
            }
        }
        return t.build();
    }

    /** The same matrix with only the columns where {@code keep[j]} (the other columns become zero). */
    Csr keepColumns(final boolean[] keep)
    {
        final Triplets t = new Triplets(rows, cols);
        for (int i = 0; i < rows; i++)
        {
            for (int p = start[i]; p < start[i + 1]; p++)
            {
                if (keep[col[p]])
                {
                    t.add(i, col[p], val[p]);
                }
            }
        }
        return t.build();
    }

    /** Collects (row, col, value) entries in any order; duplicates are summed, zeros dropped. */
    static final class Triplets
    {
        private final int rows;
        private final int cols;
        private int[] r = new int[64];
        private int[] c = new int[64];
        private double[] v = new double[64];
        private int n;

        Triplets(final int rows, final int cols)
        {
            this.rows = rows;
            this.cols = cols;
        }

        void add(final int row, final int column, final double value)
        {
            if (value == 0.0)
            {
                return;
            }
            if (row < 0 || row >= rows || column < 0 || column >= cols)
            {
                throw new IndexOutOfBoundsException("(" + row + ", " + column + ") outside " + rows + "x" + cols);
            }
            if (n == r.length)
            {
                r = Arrays.copyOf(r, n * 2);
                c = Arrays.copyOf(c, n * 2);
                v = Arrays.copyOf(v, n * 2);
            }
            r[n] = row;
            c[n] = column;
            v[n] = value;
            n++;
        }

        Csr build()
        {
            final int[] start = new int[rows + 1];
            for (int k = 0; k < n; k++)
            {
                start[r[k] + 1]++;
            }
            for (int i = 0; i < rows; i++)
            {
                start[i + 1] += start[i];
            }
            final int[] cursor = Arrays.copyOf(start, rows);
            final int[] col = new int[n];
            final double[] val = new double[n];
            for (int k = 0; k < n; k++)
            {
                final int at = cursor[r[k]]++;
                col[at] = c[k];
                val[at] = v[k];
            }
            // sort each row by column and merge duplicates
            final int[] outStart = new int[rows + 1];
            int m = 0;
            for (int i = 0; i < rows; i++)
            {
                final int from = start[i];
                final int to = start[i + 1];
                sortRow(col, val, from, to);
                for (int p = from; p < to; p++)
                {
                    if (m > outStart[i] && col[m - 1] == col[p])
                    {
                        val[m - 1] += val[p];
                    }
                    else
                    {
                        col[m] = col[p];
                        val[m] = val[p];
                        m++;
                    }
                }
                // drop entries that summed to zero
                int w = outStart[i];
                for (int p = outStart[i]; p < m; p++)
                {
                    if (val[p] != 0.0)
                    {
                        col[w] = col[p];
                        val[w] = val[p];
                        w++;
                    }
                }
                m = w;
                outStart[i + 1] = m;
            }
            return new Csr(rows, cols, outStart, Arrays.copyOf(col, m), Arrays.copyOf(val, m));
        }

        private static void sortRow(final int[] col, final double[] val, final int from, final int to)
        {
            // insertion sort for short rows, index sort otherwise
            if (to - from <= 32)
            {
                for (int i = from + 1; i < to; i++)
                {
                    final int c = col[i];
                    final double v = val[i];
                    int j = i - 1;
                    while (j >= from && col[j] > c)
                    {
                        col[j + 1] = col[j];
                        val[j + 1] = val[j];
                        j--;
                    }
                    col[j + 1] = c;
                    val[j + 1] = v;
                }
                return;
            }
            final long[] packed = new long[to - from];
            for (int i = from; i < to; i++)
            {
                packed[i - from] = ((long)col[i] << 32) | (i - from);
            }
            Arrays.sort(packed);
            final double[] vals = Arrays.copyOfRange(val, from, to);
            for (int i = 0; i < packed.length; i++)
            {
                col[from + i] = (int)(packed[i] >>> 32);
                val[from + i] = vals[(int)packed[i]];
            }
        }
    }
}
