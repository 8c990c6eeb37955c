package org.chipsim.cli;

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
        AtomicFile.writeText(target, content);
    }
}
