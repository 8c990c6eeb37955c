package org.chipsim.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.chipsim.core.ModelException;
import org.chipsim.core.ModelValidatorTest;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest
{
    @TempDir
    Path dir;

    @Test
    void shouldRoundTripAModelInBinaryAndTextFormat()
    {
        final Model model = ModelValidatorTest.model().setName("rt").build();
        for (final String name : new String[] {"m.pb", "m.pbtxt"})
        {
            final Path file = dir.resolve(name);
            ModelFiles.write(model, file);
            final ModelFiles.Loaded loaded = ModelFiles.read(file);
            assertFalse(loaded.isProgram());
            assertEquals(model, loaded.model(), name);
        }
    }

    @Test
    void shouldTellAProgramFromAModel()
    {
        final ChipProgram program = ChipProgram.newBuilder().setChip(ChipSpec.newBuilder().setMeshWidth(2))
            .addCores(CoreProgram.newBuilder().setCoreId(1).setNeuronCount(3)).build();
        final Path file = dir.resolve("p.pb");
        ModelFiles.write(program, file);
        assertTrue(ModelFiles.read(file).isProgram());
        assertEquals(program, ModelFiles.readProgram(file));
        final ModelException e = assertThrows(ModelException.class, () -> ModelFiles.readModel(file));
        assertTrue(e.getMessage().contains("compiled chip program, not a model"), e.getMessage());
    }

    @Test
    void shouldLeaveNoTemporaryFileBehind() throws IOException
    {
        ModelFiles.write(ModelValidatorTest.model().build(), dir.resolve("a.pb"));
        try (Stream<Path> files = Files.list(dir))
        {
            assertEquals(1, files.count());
        }
    }

    @Test
    void shouldRejectAnEmptyFileAndBadText() throws IOException
    {
        final Path empty = Files.createFile(dir.resolve("empty.pb"));
        assertTrue(assertThrows(ModelException.class, () -> ModelFiles.read(empty)).getMessage().contains("empty"));
        final Path text = Files.writeString(dir.resolve("bad.pbtxt"), "network { populations { nme: 3 } }");
        assertTrue(assertThrows(ModelException.class, () -> ModelFiles.read(text)).getMessage()
            .contains("protobuf text format"));
    }
}
