package org.chipsim.chip;

import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;
import org.chipsim.proto.v1.CoreLearnedState;
import org.chipsim.proto.v1.CoreProgram;

/**
 * A core's learned state besides its weights (program.proto CoreLearnedState): homeostasis theta, STDP traces, R-STDP
 * tags, hybrid sbar and the generators' draw counts. Loaded into the core's memory at build time from the program, and
 * read back after a run for {@code --save-model}. Not on any per-tick path.
 */
final class LearnedState
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private LearnedState()
    {
    }

    static boolean hasTags(final CoreProgram program)
    {
        return program.getLearningRulesList().stream().anyMatch(org.chipsim.proto.v1.LearningRule::getRstdp);
    }

    static boolean adaptive(final CoreProgram program)
    {
        return program.getRole() == org.chipsim.proto.v1.CoreRole.CORE_ROLE_SOMA &&
            program.getNeuron().getAdaptiveThreshold();
    }

    /** Writes the program's initial state (validated: every list empty or of the right size) into the memory. */
    static void load(final UnsafeBuffer memory, final CoreLayout layout, final CoreProgram program)
    {
        if (!program.hasInitialState())
        {
            return;
        }
        final CoreLearnedState s = program.getInitialState();
        for (int n = 0; n < s.getThetaQ16Count(); n++)
        {
            memory.putLong(layout.thetaOffset + (n << 3), s.getThetaQ16(n), ORDER);
        }
        putInts(memory, layout.preTraceOffset, s.getPreTraceQ16List());
        putInts(memory, layout.preTrace2Offset, s.getPreTrace2Q16List());
        putInts(memory, layout.postTraceOffset, s.getPostTraceQ16List());
        putInts(memory, layout.postTrace2Offset, s.getPostTrace2Q16List());
        putInts(memory, layout.tagsOffset, s.getTagQ16List());
        putInts(memory, layout.preActivityOffset, s.getPreActivityQ16List());
        if (layout.learning)
        {
            memory.putLong(layout.learnStateOffset, s.getLearnDraws(), ORDER);
        }
        if (layout.hybrid)
        {
            memory.putLong(layout.hybridStateOffset, s.getHybridDraws(), ORDER);
        }
    }

    private static void putInts(final UnsafeBuffer memory, final int offset, final java.util.List<Integer> values)
    {
        for (int k = 0; k < values.size(); k++)
        {
            memory.putInt(offset + (k << 2), values.get(k), ORDER);
        }
    }

    /** The core's learned state now, or null when it has none (no adaptive threshold, no learning, no hybrid row). */
    static CoreLearnedState read(final UnsafeBuffer memory, final CoreLayout layout, final CoreProgram program)
    {
        final boolean adaptive = adaptive(program);
        if (!adaptive && !layout.learning && !layout.hybrid)
        {
            return null;
        }
        final CoreLearnedState.Builder s = CoreLearnedState.newBuilder();
        if (adaptive)
        {
            for (int n = 0; n < layout.neurons; n++)
            {
                s.addThetaQ16(memory.getLong(layout.thetaOffset + (n << 3), ORDER));
            }
        }
        if (layout.learning)
        {
            for (int a = 0; a < layout.axons; a++)
            {
                s.addPreTraceQ16(memory.getInt(layout.preTraceOffset + (a << 2), ORDER));
                s.addPreTrace2Q16(memory.getInt(layout.preTrace2Offset + (a << 2), ORDER));
            }
            for (int n = 0; n < layout.neurons; n++)
            {
                s.addPostTraceQ16(memory.getInt(layout.postTraceOffset + (n << 2), ORDER));
                s.addPostTrace2Q16(memory.getInt(layout.postTrace2Offset + (n << 2), ORDER));
            }
            if (hasTags(program))
            {
                for (int c = 0; c < layout.axons * layout.neurons; c++)
                {
                    s.addTagQ16(memory.getInt(layout.tagsOffset + (c << 2), ORDER));
                }
            }
            s.setLearnDraws(memory.getLong(layout.learnStateOffset, ORDER));
        }
        if (layout.hybrid)
        {
            for (int a = 0; a < layout.axons; a++)
            {
                s.addPreActivityQ16(memory.getInt(layout.preActivityOffset + (a << 2), ORDER));
            }
            s.setHybridDraws(memory.getLong(layout.hybridStateOffset, ORDER));
        }
        return s.build();
    }
}
