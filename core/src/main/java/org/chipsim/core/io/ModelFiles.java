package org.chipsim.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;

import org.chipsim.core.ErrorCode;
import org.chipsim.core.ModelException;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.Model;

/**
 * Reading and writing model and program files. Binary protobuf is the format ({@code .pb}); protobuf text format is
 * accepted for hand-written files ({@code .pbtxt}, {@code .textproto}). Every failure becomes one
 * {@link ModelException} line naming the file.
 */
public final class ModelFiles
{
    /** Files larger than this are refused before reading: protobuf messages are limited to 2 GiB anyway. */
    public static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8L;

    /** What a file turned out to hold. */
    public record Loaded(Model model, ChipProgram program)
    {
        public boolean isProgram()
        {
            return program != null;
        }
    }

    private ModelFiles()
    {
    }

    public static boolean isTextFormat(final Path path)
    {
        final String name = path.getFileName().toString();
        return name.endsWith(".pbtxt") || name.endsWith(".textproto") || name.endsWith(".txtpb");
    }

    /** Reads a model or a compiled program, telling them apart by their content. */
    public static Loaded read(final Path path)
    {
        final byte[] bytes = readBytes(path);
        if (isTextFormat(path))
        {
            final String text = new String(bytes, StandardCharsets.UTF_8);
            try
            {
                final Model.Builder model = Model.newBuilder();
                TextFormat.merge(text, model);
                return new Loaded(model.build(), null);
            }
            catch (final TextFormat.ParseException modelError)
            {
                try
                {
                    final ChipProgram.Builder program = ChipProgram.newBuilder();
                    TextFormat.merge(text, program);
                    return new Loaded(null, program.build());
                }
                catch (final TextFormat.ParseException ignored)
                {
                    throw new ModelException(ErrorCode.MODEL_FORMAT,
                        path + ": not a chipsim model in protobuf text format (" +
                        oneLine(modelError.getMessage()) + ")");
                }
            }
        }
        try
        {
            // A model's field 3 is its Network; a program's field 4 its cores: each parses as the other's unknown
            // fields, so the content decides. A program may also fail to parse as a model (its populations' packed
            // core ids land in RunConfig's repeated string field, which must be UTF-8): then it is not a model.
            Model model;
            try
            {
                model = Model.parseFrom(bytes);
            }
            catch (final InvalidProtocolBufferException notAModel)
            {
                model = null;
            }
            if (model != null && model.hasNetwork() && model.getNetwork().getPopulationsCount() > 0)
            {
                return new Loaded(model, null);
            }
            final ChipProgram program = ChipProgram.parseFrom(bytes);
            if (program.getCoresCount() > 0 && program.hasChip())
            {
                return new Loaded(null, program);
            }
            if (bytes.length == 0)
            {
                throw new ModelException(ErrorCode.MODEL_FORMAT,
                    path + ": the file is empty; expected a chipsim model (model.pb)");
            }
            if (model == null)
            {
                throw new ModelException(ErrorCode.MODEL_FORMAT,
                    path + ": not a chipsim model or program, or truncated");
            }
            return new Loaded(model, null);
        }
        catch (final InvalidProtocolBufferException e)
        {
            throw new ModelException(ErrorCode.MODEL_FORMAT,
                path + ": not a chipsim model or program, or truncated (protobuf: " +
                oneLine(e.getMessage()) + ")");
        }
    }

    /** Reads a file that must be a model. */
    public static Model readModel(final Path path)
    {
        final Loaded loaded = read(path);
        if (loaded.isProgram())
        {
            throw new ModelException(ErrorCode.MODEL_KIND,
                path + ": this is a compiled chip program, not a model; this command needs a model");
        }
        return loaded.model();
    }

    /** Reads a file that must be a compiled program. */
    public static ChipProgram readProgram(final Path path)
    {
        final Loaded loaded = read(path);
        if (!loaded.isProgram())
        {
            throw new ModelException(ErrorCode.MODEL_KIND,
                path + ": this is a model, not a compiled chip program; compile it first " +
                "with 'chipsim compile'");
        }
        return loaded.program();
    }

    /** Writes a message atomically ({@link AtomicFile}), as text when the file name says so. */
    public static void write(final Message message, final Path path)
    {
        AtomicFile.write(path, out ->
        {
            if (isTextFormat(path))
            {
                out.write(TextFormat.printer().printToString(message).getBytes(StandardCharsets.UTF_8));
            }
            else
            {
                message.writeTo(out);
            }
        });
    }

    private static byte[] readBytes(final Path path)
    {
        try
        {
            if (Files.isDirectory(path))
            {
                throw new ModelException(ErrorCode.FILE_UNREADABLE,
                    path + ": is a directory; expected a model file such as model.pb");
            }
            final long size = Files.size(path);
            if (size > MAX_FILE_BYTES)
            {
                throw new ModelException(ErrorCode.FILE_UNREADABLE,
                    path + ": " + size + " bytes is larger than a protobuf message can be (2 GiB)");
            }
            try (InputStream in = Files.newInputStream(path))
            {
                return in.readAllBytes();
            }
        }
        catch (final NoSuchFileException e)
        {
            throw new ModelException(ErrorCode.FILE_NOT_FOUND, path + ": no such file");
        }
        catch (final AccessDeniedException e)
        {
            throw new ModelException(ErrorCode.FILE_UNREADABLE, path + ": permission denied");
        }
        catch (final IOException e)
        {
            throw new ModelException(ErrorCode.FILE_UNREADABLE,
                path + ": cannot read (" + oneLine(String.valueOf(e.getMessage())) + ")");
        }
    }

    private static String oneLine(final String message)
    {
        final String text = message == null ? "unknown error" : message;
        final int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
