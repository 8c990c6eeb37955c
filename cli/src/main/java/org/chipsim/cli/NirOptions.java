package org.chipsim.cli;

import java.util.Locale;

import org.chipsim.core.ModelException;
import org.chipsim.nir.NirImporter;

import picocli.CommandLine.Option;

/** How a NIR graph is discretized when imported ({@code chipsim import}, {@code chipsim run MODEL.nir}). */
final class NirOptions
{
    @Option(names = "--dt", paramLabel = "SECONDS", description = "Model time of one tick. For .nir models the " +
        "time step the continuous-time dynamics are discretized with (default 0.001); for any model the tick length " +
        "that converts time_s stimulus events (default: the model's run.tick_seconds).")
    Double dt;

    @Option(names = "--reset", paramLabel = "zero|subtract", description = "NIR models only: after a spike the " +
        "membrane resets to v_reset (zero, NIR's semantics; 0 unless the node gives v_reset) or by subtracting the " +
        "threshold (subtract, which NIR cannot express). Default zero.")
    String reset;

    @Option(names = "--discretization", paramLabel = "exact|euler", description = "NIR models only: exact " +
        "exponential solution for an input held over the tick (exact, default) or forward Euler (euler: decay " +
        "1 - dt/tau, as snnTorch/Norse-style exports assume).")
    String discretization;

    /** True when an option that only means something for NIR models was given. */
    boolean nirOnlyGiven()
    {
        return reset != null || discretization != null;
    }

    NirImporter.Options options()
    {
        final NirImporter.Reset resetMode;
        switch (reset == null ? "zero" : reset.toLowerCase(Locale.ROOT))
        {
            case "zero", "value", "to-value" -> resetMode = NirImporter.Reset.ZERO;
            case "subtract" -> resetMode = NirImporter.Reset.SUBTRACT;
            default -> throw new ModelException("--reset expects zero or subtract, got '" + reset + "'");
        }
        final NirImporter.Discretization method;
        switch (discretization == null ? "exact" : discretization.toLowerCase(Locale.ROOT))
        {
            case "exact", "exponential" -> method = NirImporter.Discretization.EXACT;
            case "euler" -> method = NirImporter.Discretization.EULER;
            default -> throw new ModelException("--discretization expects exact or euler, got '" + discretization +
                "'");
        }
        return new NirImporter.Options(dt == null ? NirImporter.Options.DEFAULT_DT_SECONDS : dt, resetMode, method);
    }
}
