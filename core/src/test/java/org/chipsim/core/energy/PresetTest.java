package org.chipsim.core.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.Descriptors.FieldDescriptor;

import org.chipsim.core.ModelException;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.EnergySpec;
import org.junit.jupiter.api.Test;

/** Presets carry every figure with a source, resolve at the chip clock, and take overrides from the ChipSpec. */
class PresetTest
{
    @Test
    void shouldGiveEveryCostOfEveryPresetAFiniteValueAndASource()
    {
        for (final Preset preset : Preset.values())
        {
            for (final Cost cost : Cost.values())
            {
                final Preset.Figure figure = preset.figure(cost);
                assertTrue(figure.value() >= 0 && Double.isFinite(figure.value()), preset + " " + cost);
                assertFalse(figure.source().isBlank(), preset + " " + cost + " has no source");
                if (figure.value() != 0 && preset != Preset.CUSTOM)
                {
                    // a non-zero figure either cites a publication or says what was assumed
                    final String s = figure.source();
                    assertTrue(s.contains("assumed") || s.contains("Davies") || s.contains("Merolla") ||
                        s.contains("Pei") || s.contains("derived"), preset + " " + cost + ": " + s);
                }
            }
        }
    }

    @Test
    void shouldMatchTheEnergySpecFieldsOneToOne()
    {
        final List<String> fields = new ArrayList<>();
        for (final FieldDescriptor field : EnergySpec.getDescriptor().getFields())
        {
            if (!field.getName().equals("preset"))
            {
                fields.add(field.getName());
                assertTrue(field.hasPresence(), field.getName() + " must be optional (presence = override)");
            }
        }
        assertEquals(Cost.keys(), fields);
    }

    @Test
    void shouldDefaultToTianjicAtThreeHundredMegahertz()
    {
        final EnergyModel model = EnergyModel.of(ChipSpec.getDefaultInstance());
        assertEquals(Preset.TIANJIC, model.preset());
        assertEquals(300e6, model.clockHz());
        assertEquals(1000.0 / 650.0, model.costs().sopEnergyPj());
        assertEquals(1.0 / 16, model.costs().sopLatencyCycles());
        assertEquals(40.0 / 156, model.costs().staticPowerMwPerCore(), 1e-15);
    }

    @Test
    void shouldConvertLoihiNanosecondsToCyclesAtTheChipClock()
    {
        final ChipSpec at300 = EnergyModel.withPreset(ChipSpec.getDefaultInstance(), "loihi");
        final ChipSpec at1g = at300.toBuilder().setClockHz(1e9).build();
        assertEquals(3.5 * 300e6 / 1e9, EnergyModel.of(at300).costs().sopLatencyCycles());
        assertEquals(3.5, EnergyModel.of(at1g).costs().sopLatencyCycles(), 1e-12);
        assertEquals(465.0, EnergyModel.of(at1g).costs().tickSyncLatencyCycles(), 1e-9);
        assertEquals(23.6, EnergyModel.of(at1g).costs().sopEnergyPj());
        assertEquals(3.5, EnergyModel.of(at1g).costs().hopEnergyPj());
        // cycle figures of other presets do not move with the clock
        assertEquals(1.0 / 16, EnergyModel.of(ChipSpec.newBuilder().setClockHz(1e9).build()).costs()
            .sopLatencyCycles());
    }

    @Test
    void shouldTakeTrueNorthsWholeChipFigureAlone()
    {
        final EnergyCosts costs = Preset.TRUENORTH.costs(300e6);
        assertEquals(26.0, costs.sopEnergyPj());
        assertEquals(0.0, costs.neuronUpdateEnergyPj());
        assertEquals(0.0, costs.hopEnergyPj());
        assertEquals(0.0, costs.staticPowerMwPerCore());
    }

    @Test
    void shouldApplyOverridesOnTopOfThePresetAndSayWhereEachValueCameFrom()
    {
        ChipSpec chip = EnergyModel.withPreset(ChipSpec.getDefaultInstance(), "TrueNorth");
        chip = EnergyModel.withCost(chip, "hop_energy_pj", "2.5");
        chip = EnergyModel.withCost(chip, " sop_latency_cycles ", " 0 ");
        final EnergyModel model = EnergyModel.of(chip);
        assertEquals(Preset.TRUENORTH, model.preset());
        assertEquals(2.5, model.costs().hopEnergyPj());
        assertEquals(0.0, model.costs().sopLatencyCycles());
        assertEquals(26.0, model.costs().sopEnergyPj());
        assertTrue(model.isOverridden(Cost.HOP_ENERGY_PJ));
        assertTrue(model.isOverridden(Cost.SOP_LATENCY_CYCLES), "an explicit 0 is an override");
        assertFalse(model.isOverridden(Cost.SOP_ENERGY_PJ));
        assertTrue(model.source(Cost.HOP_ENERGY_PJ).startsWith("override"));
        assertTrue(model.source(Cost.SOP_ENERGY_PJ).contains("Merolla"));
    }

    @Test
    void shouldStartCustomFromZero()
    {
        final EnergyCosts costs = Preset.CUSTOM.costs(300e6);
        for (final double v : costs.toArray())
        {
            assertEquals(0.0, v);
        }
    }

    @Test
    void shouldRejectUnknownPresetsAndKeysInOneLineNamingTheValidOnes()
    {
        final ModelException preset = assertThrows(ModelException.class,
            () -> EnergyModel.withPreset(ChipSpec.getDefaultInstance(), "spinnaker"));
        assertEquals("unknown energy preset 'spinnaker' (valid: tianjic, loihi, truenorth, custom)",
            preset.getMessage());
        final ChipSpec bad = ChipSpec.newBuilder().setEnergy(EnergySpec.newBuilder().setPreset("x")).build();
        assertThrows(ModelException.class, () -> EnergyModel.of(bad));

        final ModelException key = assertThrows(ModelException.class,
            () -> EnergyModel.withCost(ChipSpec.getDefaultInstance(), "sop_pj", "1"));
        assertTrue(key.getMessage().startsWith("unknown energy cost 'sop_pj' (valid: sop_energy_pj, "),
            key.getMessage());
        assertTrue(key.getMessage().contains("tick_sync_latency_cycles, learn_update_energy_pj, " +
            "learn_update_latency_cycles, inter_chip_hop_energy_pj, inter_chip_hop_latency_cycles)"), key.getMessage());
        assertFalse(key.getMessage().contains("\n"));
    }

    @Test
    void shouldRejectNegativeNonFiniteAndNonNumericCosts()
    {
        final ChipSpec chip = ChipSpec.getDefaultInstance();
        assertThrows(ModelException.class, () -> EnergyModel.withCost(chip, "sop_energy_pj", "-1"));
        assertThrows(ModelException.class, () -> EnergyModel.withCost(chip, "sop_energy_pj", "NaN"));
        assertThrows(ModelException.class, () -> EnergyModel.withCost(chip, "sop_energy_pj", "Infinity"));
        final ModelException text = assertThrows(ModelException.class,
            () -> EnergyModel.withCost(chip, "sop_energy_pj", "lots"));
        assertEquals("energy cost sop_energy_pj expects a number (pJ per synaptic operation), got 'lots'",
            text.getMessage());
        // an override written straight into the model file is checked too
        final ChipSpec negative = ChipSpec.newBuilder().setEnergy(EnergySpec.newBuilder().setHopEnergyPj(-2))
            .build();
        assertThrows(ModelException.class, () -> EnergyModel.of(negative));
    }

    @Test
    void shouldRoundTripCostsThroughArrays()
    {
        final EnergyCosts costs = Preset.LOIHI.costs(300e6);
        assertEquals(costs, EnergyCosts.of(costs.toArray()));
        for (final Cost cost : Cost.values())
        {
            assertEquals(costs.get(cost), costs.toArray()[cost.ordinal()]);
            assertEquals(7.0, costs.with(cost, 7.0).get(cost));
        }
    }
}
