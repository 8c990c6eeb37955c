package org.chipsim.cli;

import java.io.BufferedWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.chipsim.core.io.AtomicFile;

/** Text output files of the CLI, written atomically by {@link AtomicFile}. */
final class AtomicFiles
{
    private AtomicFiles()
    {
    }

    static void writeText(final Path target, final Consumer<Writer> content)
    {
        AtomicFile.writeText(target, writer ->
        {
            final BufferedWriter buffered = new BufferedWriter(writer, 1 << 16);
            content.accept(buffered);
            try
            {
                buffered.flush();
            }
            catch (final java.io.IOException e)
            {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
