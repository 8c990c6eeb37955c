package org.chipsim.chip;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;

import com.google.protobuf.ByteString;

import org.chipsim.compiler.Compiler;
import org.chipsim.core.ModelException;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.CoreLearnedState;
import org.junit.jupiter.api.Test;

/** A damaged hybrid table or initial learned state is refused in one line before any core is built from it. */
class HybridProgramValidationTest
{
    private static final ChipProgram PROGRAM = Compiler.compile(HybridTest.network());

    private static int hybridCore()
    {
        for (int k = 0; k < PROGRAM.getCoresCount(); k++)
        {
            if (PROGRAM.getCores(k).getAxonHybridCount() > 0)
            {
                return k;
            }
        }
        throw new AssertionError("no hybrid core");
    }

    private static String refusal(final UnaryOperator<ChipProgram.Builder> damage)
    {
        final ChipProgram damaged = damage.apply(PROGRAM.toBuilder()).build();
        return assertThrows(ModelException.class, () -> new ChipSimulation(damaged, RunOptions.defaults()))
            .getMessage();
    }

    @Test
    void shouldRefuseDamagedHybridTables()
    {
        final int k = hybridCore();
        assertTrue(refusal(p ->
        {
            p.getCoresBuilder(k).setHybridPInitQ8(p.getCores(k).getHybridPInitQ8().substring(2));
            return p;
        }).contains("hybrid tables do not match"));
        assertTrue(refusal(p ->
        {
            p.getCoresBuilder(k).getHybridRulesBuilder(0).setPMaxQ8(0);
            return p;
        }).contains("hybrid rule is out of range"));
        assertTrue(refusal(p ->
        {
            p.getCoresBuilder(k).getHybridRulesBuilder(0).setDecayPreQ16(65536).setJumpPreQ16(65536);
            return p;
        }).contains("hybrid rule is out of range"));
        assertTrue(refusal(p ->
        {
            p.getCoresBuilder(k).setAxonHybrid(0, 9);
            return p;
        }).contains("names hybrid rule 9"));
        assertTrue(refusal(p ->
        {
            p.getCoresBuilder(k).setHybridMask(ByteString.EMPTY);
            return p;
        }).contains("hybrid tables do not match"));
    }

    @Test
    void shouldRefuseAnInitialStateOfTheWrongSize()
    {
        final int k = hybridCore();
        assertTrue(refusal(p ->
        {
            p.getCoresBuilder(k).setInitialState(CoreLearnedState.newBuilder().addPreActivityQ16(1));
            return p;
        }).contains("pre_activity_q16 has 1 values"));
        assertTrue(refusal(p ->
        {
            p.getCoresBuilder(k).setInitialState(CoreLearnedState.newBuilder().addThetaQ16(5));
            return p;
        }).contains("has no such state"));
    }
}
