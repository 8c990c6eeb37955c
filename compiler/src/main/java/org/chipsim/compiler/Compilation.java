package org.chipsim.compiler;

import org.chipsim.proto.v1.ChipProgram;

/**
 * A compiled program and what the placer estimated about it.
 *
 * @param program the program
 * @param report  placement figures (estimated traffic x hops for the naive and the chosen placement)
 */
public record Compilation(ChipProgram program, PlacementReport report)
{
}
