package org.chipsim.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

import org.chipsim.core.ModelException;

/**
 * Output files are written to a hidden temporary file beside the target and renamed over it when complete, so an
 * interrupted or failed run never leaves a half-written result behind.
 */
final class AtomicFiles
{
    private AtomicFiles()
    {
    }

    static void writeText(final Path target, final Consumer<Writer> content)
    {
        final Path parent = target.toAbsolutePath().getParent();
        Path temp = null;
        try
        {
            Files.createDirectories(parent);
            temp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp");
            try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temp),
                StandardCharsets.UTF_8), 1 << 16))
            {
                content.accept(out);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
        }
        catch (final IOException | UncheckedIOException e)
        {
            throw new ModelException(target + ": cannot write (" + e.getMessage() + ")", e);
        }
        finally
        {
            if (temp != null)
            {
                try
                {
                    Files.deleteIfExists(temp);
                }
                catch (final IOException ignored)
                {
                    // best effort: the temporary file is hidden and named after its target
                }
            }
        }
    }
}
