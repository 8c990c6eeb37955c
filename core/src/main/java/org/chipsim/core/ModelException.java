package org.chipsim.core;

/**
 * A model, program, stimulus or option that chipsim cannot accept. The message is one readable line that names what is
 * wrong, where (population, projection, field) and, where it helps, what to do; the CLI prints it with its
 * {@link ErrorCode} ({@code chipsim: error E201: ...}) and exits 2. Without a code it is {@link ErrorCode#BAD_INPUT}.
 */
public final class ModelException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public ModelException(final String message)
    {
        this(ErrorCode.BAD_INPUT, message);
    }

    public ModelException(final String message, final Throwable cause)
    {
        this(ErrorCode.BAD_INPUT, message, cause);
    }

    public ModelException(final ErrorCode code, final String message)
    {
        super(message);
        this.code = code;
    }

    public ModelException(final ErrorCode code, final String message, final Throwable cause)
    {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code()
    {
        return code;
    }

    /** This exception if it has a specific code, else the same message with {@code code}. */
    public ModelException withDefaultCode(final ErrorCode code)
    {
        if (this.code != ErrorCode.BAD_INPUT)
        {
            return this;
        }
        final ModelException coded = new ModelException(code, getMessage(), getCause());
        coded.setStackTrace(getStackTrace());
        return coded;
    }
}
