package org.chipsim.core;

/**
 * A model, program, stimulus or option that chipsim cannot accept. The message is one readable line that names what is
 * wrong, where (population, projection, field) and, where it helps, what to do; the CLI prints it as is and exits 2.
 */
public final class ModelException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public ModelException(final String message)
    {
        super(message);
    }

    public ModelException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
