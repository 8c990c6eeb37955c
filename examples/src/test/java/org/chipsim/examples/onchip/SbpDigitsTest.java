package org.chipsim.examples.onchip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.chipsim.compiler.Compiler;
import org.chipsim.core.io.ModelFiles;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.Model;
import org.junit.jupiter.api.Test;

/** The shipped SBP demonstration model is what the generator writes and compiles with SBP routes and teaching. */
class SbpDigitsTest
{
    @Test
    void shouldShipTheGeneratedModelWithReverseRoutesAndTeaching()
    {
        // surefire runs in the module directory: examples/models/sbp-digits.pb
        final Model shipped = ModelFiles.readModel(Path.of("models", "sbp-digits.pb"));
        assertEquals(SbpDigits.generate(SbpDigits.digits(), true, 1, 1f), shipped, "regenerated model differs");
        final ChipProgram program = Compiler.compile(shipped);
        // hidden and output cores: the output core's hidden rows route back to the hidden core; the output core
        // takes the labels
        assertEquals(2, program.getCoresCount());
        assertTrue(program.getCoresList().stream().anyMatch(c -> c.getSbpRouteCoreCount() > 0));
        assertTrue(program.getCoresList().stream().anyMatch(c -> c.hasTeaching()));
    }
}
