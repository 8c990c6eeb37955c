package org.chipsim.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Consumer;

import org.chipsim.core.ErrorCode;
import org.chipsim.core.ModelException;

/**
 * The one way chipsim writes an output file: into a hidden temporary file beside the target, renamed over it once
 * complete, so an interrupted or failed run never leaves a half-written file. The file gets ordinary permissions
 * (rw-r--r-- on POSIX systems), not the owner-only ones of a temporary file.
 */
public final class AtomicFile
{
    /** Writes the content of one file; may throw IOException. */
    @FunctionalInterface
    public interface Content
    {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final FileAttribute<?>[] READABLE = POSIX ?
        new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"))} :
        new FileAttribute<?>[0];

    private AtomicFile()
    {
    }

    public static void write(final Path target, final Content content)
    {
        final Path parent = target.toAbsolutePath().getParent();
        Path temp = null;
        try
        {
            Files.createDirectories(parent);
            temp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp", READABLE);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16))
            {
                content.writeTo(out);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
        }
        catch (final IOException | UncheckedIOException e)
        {
            throw new ModelException(ErrorCode.FILE_UNWRITABLE, target + ": cannot write (" + e.getMessage() + ")", e);
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

    public static void writeBytes(final Path target, final byte[] bytes)
    {
        write(target, out -> out.write(bytes));
    }

    /** Writes UTF-8 text produced by {@code content}. */
    public static void writeText(final Path target, final Consumer<Writer> content)
    {
        write(target, out ->
        {
            final Writer writer = new java.io.BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                1 << 16);
            content.accept(writer);
            writer.flush();
        });
    }
}
