package org.chipsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.chipsim.core.ErrorCode;
import org.chipsim.core.ModelException;
import org.chipsim.core.stimulus.StimulusFiles;
import org.chipsim.nir.NirImporter;
import org.chipsim.nir.NirReader;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.PopulationLayout;
import org.chipsim.proto.v1.Stimulus;

/**
 * What {@code chipsim run} changes about its input before it runs: a NIR graph imported on the fly, and the stimulus
 * replaced by spike trains from a file ({@code --stimulus [POP=]FILE}). Notes go to {@code out}, warnings to
 * {@code err}.
 */
final class ModelInputs
{
    /** No NIR options beyond the defaults, no stimulus file, nothing printed. */
    static final ModelInputs NONE = new ModelInputs(null, null, null, null);

    private final NirOptions nir;
    private final String stimulus;
    private final PrintWriter out;
    private final PrintWriter err;

    ModelInputs(final NirOptions nir, final String stimulus, final PrintWriter out, final PrintWriter err)
    {
        this.nir = nir;
        this.stimulus = stimulus;
        this.out = out;
        this.err = err;
    }

    /** A NIR file: by extension, or by the HDF5 signature. */
    static boolean isNir(final Path file)
    {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".nir") || NirReader.isHdf5(file);
    }

    /** Imports a NIR file, printing what the conversion did. */
    Model importNir(final Path file)
    {
        final NirImporter.Result result = NirImporter.importFile(file, nir == null ? NirImporter.Options.defaults() :
            nir.options());
        print(result);
        return result.model();
    }

    void print(final NirImporter.Result result)
    {
        if (out != null)
        {
            for (final String note : result.notes())
            {
                Summary.row(out, "nir", note);
            }
        }
        if (err != null)
        {
            for (final String warning : result.warnings())
            {
                err.println("chipsim: warning: " + warning);
            }
            err.flush();
        }
    }

    /** Rejects NIR-only options for a model or program that is not NIR. */
    void checkNotNir(final Path file)
    {
        if (nir != null && nir.nirOnlyGiven())
        {
            throw new ModelException(ErrorCode.OPTION_INVALID,
                file + " is not a NIR graph: --reset and --discretization apply to .nir models " +
                "only");
        }
    }

    Model apply(final Model model)
    {
        if (stimulus == null)
        {
            return model;
        }
        final List<String> inputs = new ArrayList<>();
        final List<String> all = new ArrayList<>();
        for (final Population p : model.getNetwork().getPopulationsList())
        {
            all.add(p.getName());
            if (p.getInput())
            {
                inputs.add(p.getName());
            }
        }
        final StimulusFiles.Spec target = StimulusFiles.parse(stimulus, inputs, all);
        int size = 0;
        for (final Population p : model.getNetwork().getPopulationsList())
        {
            if (p.getName().equals(target.population()))
            {
                size = p.getSize();
            }
        }
        final double tick = model.getRun().getTickSeconds() > 0 ? model.getRun().getTickSeconds() : 1e-3;
        return model.toBuilder().setStimulus(read(target, size, tick)).build();
    }

    ChipProgram apply(final ChipProgram program)
    {
        if (stimulus == null)
        {
            return program;
        }
        final List<String> inputs = new ArrayList<>();
        final List<String> all = new ArrayList<>();
        for (final PopulationLayout p : program.getPopulationsList())
        {
            all.add(p.getName());
            if (p.getInput())
            {
                inputs.add(p.getName());
            }
        }
        final StimulusFiles.Spec target = StimulusFiles.parse(stimulus, inputs, all);
        int size = 0;
        for (final PopulationLayout p : program.getPopulationsList())
        {
            if (p.getName().equals(target.population()))
            {
                size = p.getSize();
            }
        }
        final double tick = program.getRun().getTickSeconds() > 0 ? program.getRun().getTickSeconds() : 1e-3;
        return program.toBuilder().setStimulus(read(target, size, tick)).build();
    }

    private Stimulus read(final StimulusFiles.Spec target, final int size, final double modelTick)
    {
        final double dt = nir != null && nir.dt != null ? nir.dt : modelTick;
        final StimulusFiles.Loaded loaded;
        try
        {
            loaded = StimulusFiles.read(target.file(), target.population(), size, dt);
        }
        catch (final ModelException e)
        {
            throw e.withDefaultCode(ErrorCode.STIMULUS_INVALID);
        }
        if (out != null)
        {
            Summary.row(out, "stimulus", String.format(Locale.ROOT, "%s (%s): %,d spikes over %,d ticks into '%s'",
                target.file(), loaded.format(), loaded.spikes(), loaded.ticks(), target.population()));
        }
        return loaded.stimulus();
    }
}
