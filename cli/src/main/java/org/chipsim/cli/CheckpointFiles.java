package org.chipsim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import com.google.protobuf.InvalidProtocolBufferException;

import org.chipsim.core.ErrorCode;
import org.chipsim.core.ModelException;
import org.chipsim.core.io.AtomicFile;
import org.chipsim.proto.v1.Checkpoint;

/**
 * A run's checkpoint on disk: {@code DIR/checkpoint.pb}, the {@code chipsim.v1.Checkpoint} message (checkpoint.proto),
 * written atomically (temporary file, then rename), so a crash while writing leaves the previous checkpoint intact.
 */
final class CheckpointFiles
{
    static final String FILE = "checkpoint.pb";

    private CheckpointFiles()
    {
    }

    static void write(final Path dir, final Checkpoint checkpoint)
    {
        try
        {
            Files.createDirectories(dir);
        }
        catch (final IOException e)
        {
            throw new ModelException(ErrorCode.FILE_UNWRITABLE, dir + ": cannot create the checkpoint directory (" +
                e.getMessage() + ")");
        }
        AtomicFile.writeBytes(dir.resolve(FILE), checkpoint.toByteArray());
    }

    /** Reads DIR/checkpoint.pb (or the file itself when given one). */
    static Checkpoint read(final Path dirOrFile)
    {
        final Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(FILE) : dirOrFile;
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file);
        }
        catch (final NoSuchFileException e)
        {
            throw new ModelException(ErrorCode.CHECKPOINT_INVALID, file + ": no checkpoint there (write one with " +
                "chipsim run ... --checkpoint-every N --checkpoint DIR)");
        }
        catch (final IOException e)
        {
            throw new ModelException(ErrorCode.FILE_UNREADABLE, file + ": cannot read (" + e.getMessage() + ")");
        }
        try
        {
            final Checkpoint checkpoint = Checkpoint.parseFrom(bytes);
            if (checkpoint.getFormatVersion() == 0 || !checkpoint.hasProgram())
            {
                throw new ModelException(ErrorCode.CHECKPOINT_INVALID, file + ": not a chipsim checkpoint");
            }
            return checkpoint;
        }
        catch (final InvalidProtocolBufferException e)
        {
            throw new ModelException(ErrorCode.CHECKPOINT_INVALID, file + ": not a chipsim checkpoint, or truncated");
        }
    }
}
