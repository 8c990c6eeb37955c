package org.chipsim.chip;

/**
 * Memory bytes a learning engine read and wrote in its core's buffer since the core last counted them (into
 * {@link CoreCounter#MEM_READ_BYTES} and {@link CoreCounter#MEM_WRITE_BYTES}, see {@code Core.countMemory}).
 */
final class MemoryTally
{
    long readBytes;
    long writeBytes;
}
