package org.chipsim.examples.dvs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.chipsim.chip.ChipSimulation;
import org.chipsim.chip.Classification;
import org.chipsim.chip.ReferenceRun;
import org.chipsim.chip.RunOptions;
import org.chipsim.chip.RunResult;
import org.chipsim.compiler.Compiler;
import org.chipsim.core.ModelValidator;
import org.chipsim.core.io.ModelFiles;
import org.chipsim.core.reference.ReferenceSimulator;
import org.chipsim.core.stimulus.StimulusFiles;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.SpikeTrain;
import org.chipsim.proto.v1.SpikeTrains;
import org.chipsim.proto.v1.Stimulus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DvsMotionTest
{
    private static final DvsMotion.Settings SETTINGS = DvsMotion.Settings.defaults();

    @TempDir
    Path dir;

    @Test
    void sameSeedGivesTheSameSamplesAndAnyPrefixReplays()
    {
        final DvsMotion.Sample[] a = DvsMotion.generate(SETTINGS, 5, 0, 20);
        final DvsMotion.Sample[] b = DvsMotion.generate(SETTINGS, 5, 0, 20);
        final DvsMotion.Sample[] tail = DvsMotion.generate(SETTINGS, 5, 10, 10);
        for (int k = 0; k < a.length; k++)
        {
            assertEquals(a[k].label(), b[k].label());
            assertArrayEquals(a[k].events(), b[k].events(), "sample " + k);
            if (k >= 10)
            {
                assertArrayEquals(a[k].events(), tail[k - 10].events(), "sample " + k + " drawn on its own");
            }
        }
        final DvsMotion.Sample[] other = DvsMotion.generate(SETTINGS, 6, 0, 20);
        int differing = 0;
        for (int k = 0; k < a.length; k++)
        {
            differing += Arrays.equals(a[k].events(), other[k].events()) ? 0 : 1;
        }
        assertEquals(20, differing, "another seed, other samples");
    }

    @Test
    void eventsLieOnTheRetinaInsideTheSampleSortedAndUnique()
    {
        final DvsMotion.Sample[] samples = DvsMotion.generate(SETTINGS, 11, 0, 200);
        final int[] perClass = new int[DvsMotion.CLASSES];
        for (final DvsMotion.Sample sample : samples)
        {
            perClass[sample.label()]++;
            assertTrue(sample.events().length > 20, "a moving shape makes events: " + sample.events().length);
            for (int k = 0; k < sample.events().length; k++)
            {
                assertTrue(sample.tick(k) >= 0 && sample.tick(k) < SETTINGS.ticksPerSample());
                assertTrue(sample.input(k) >= 0 && sample.input(k) < 2 * 16 * 16);
                if (k > 0)
                {
                    assertTrue(sample.events()[k - 1] < sample.events()[k], "sorted, no duplicates");
                }
            }
        }
        for (final int count : perClass)
        {
            assertTrue(count > 30, "every direction is drawn: " + Arrays.toString(perClass));
        }
        assertEquals(512, SETTINGS.inputs());
        assertEquals(1 * 256 + 3 * 16 + 5, DvsMotion.inputIndex(16, DvsMotion.OFF, 5, 3));
    }

    @Test
    void theEventsMoveTheWayTheLabelSays()
    {
        // noise-free: the centroid of the late events lies further along the labeled direction than that of the early
        // ones (a bar's front and back both move that way)
        final DvsMotion.Settings clean = new DvsMotion.Settings(16, 32, 24, 0.25, 1.5, 0.4, 0, 0);
        int agree = 0;
        int measured = 0;
        for (long k = 0; k < 200; k++)
        {
            final DvsMotion.Sample sample = DvsMotion.sample(clean, 3, k);
            final double[] sum = new double[4];
            final int[] n = new int[2];
            final long middle = medianTick(sample);
            for (int e = 0; e < sample.events().length; e++)
            {
                final int pixel = sample.input(e) % 256;
                final int half = sample.tick(e) <= middle ? 0 : 1;
                sum[2 * half] += pixel % 16;
                sum[2 * half + 1] += pixel / 16;
                n[half]++;
            }
            if (n[0] == 0 || n[1] == 0)
            {
                continue;
            }
            final double dx = sum[2] / n[1] - sum[0] / n[0];
            final double dy = sum[3] / n[1] - sum[1] / n[0];
            final int seen = Math.abs(dx) > Math.abs(dy) ? (dx > 0 ? 0 : 1) : (dy > 0 ? 2 : 3);
            measured++;
            agree += seen == sample.label() ? 1 : 0;
        }
        assertTrue(measured > 150, "samples with early and late events: " + measured);
        assertTrue(agree >= 0.95 * measured, agree + " of " + measured + " move as labeled");
    }

    private static long medianTick(final DvsMotion.Sample sample)
    {
        return sample.events().length == 0 ? 0 : sample.tick(sample.events().length / 2);
    }

    @Test
    void stimulusLaysSamplesEndToEndWithLabelsAndTheCsvHoldsTheSameEvents() throws IOException
    {
        final List<DvsMotion.Sample> samples = Arrays.asList(DvsMotion.generate(SETTINGS, 2, 0, 5));
        final Stimulus stimulus = DvsMotion.stimulus(SETTINGS, samples, "input");
        final SpikeTrains trains = stimulus.getSpikeTrains();
        assertEquals(SETTINGS.ticksPerSample(), trains.getTicksPerSample());
        assertTrue(trains.getResetBetweenSamples());
        assertEquals(5, trains.getLabelsCount());
        final Set<Long> fromModel = new HashSet<>();
        for (final SpikeTrain train : trains.getTrainsList())
        {
            for (final int t : train.getTicksList())
            {
                fromModel.add(((long)t << 32) | train.getNeuron());
            }
        }
        final Set<Long> expected = new HashSet<>();
        for (int s = 0; s < samples.size(); s++)
        {
            assertEquals(samples.get(s).label(), trains.getLabels(s));
            for (final long event : samples.get(s).events())
            {
                expected.add(event + ((long)s * SETTINGS.ticksPerSample() << 32));
            }
        }
        assertEquals(expected, fromModel);

        final Path csv = dir.resolve("events.csv");
        try (Writer writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8))
        {
            DvsMotion.writeCsv(SETTINGS, samples, writer);
        }
        final StimulusFiles.Loaded loaded = StimulusFiles.read(csv, "input", SETTINGS.inputs(), 1e-3);
        final Set<Long> fromCsv = new HashSet<>();
        for (final SpikeTrain train : loaded.stimulus().getSpikeTrains().getTrainsList())
        {
            for (final int t : train.getTicksList())
            {
                fromCsv.add(((long)t << 32) | train.getNeuron());
            }
        }
        assertEquals(expected, fromCsv);
    }

    @Test
    void shippedModelIsTheGeneratorsOutputAndClassifiesMotionOnTheChip()
    {
        // surefire runs in the module directory
        final Model shipped = ModelFiles.readModel(Path.of("models", "dvs-motion.pb"));
        final Model built = DvsMotionExample.model(SETTINGS, DvsMotionExample.Params.defaults(),
            DvsMotionExample.SEED, DvsMotionExample.SAMPLES);
        assertEquals(built, shipped, "regenerate examples/models/dvs-motion.pb (docs/training.md)");
        ModelValidator.validate(shipped);
        final RunResult result = new ChipSimulation(Compiler.compile(shipped), RunOptions.defaults()).run();
        final Classification c = result.classification();
        assertEquals(DvsMotionExample.SAMPLES, c.labeled());
        // chance is 25 %; the detectors get about 98 %
        assertTrue(c.accuracy() >= 0.9, "on-chip accuracy " + c.accuracy());
        assertFalse(Double.isNaN(c.accuracy()));
        // the chip equals the fixed-point reference, resets between spike-train samples included
        final Classification fixed = new ReferenceRun(shipped, ReferenceSimulator.Mode.FIXED_POINT, 0)
            .classify(result.ticks());
        assertArrayEquals(fixed.predicted(), c.predicted());
    }
}
