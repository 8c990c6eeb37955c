package org.chipsim.compiler;

import org.agrona.collections.IntArrayList;
import org.chipsim.proto.v1.CoreRole;

/**
 * The part of the network one core will hold, while the compiler works on it: a block of one population's neurons and
 * one group of the axons feeding them. The first axon group of a block is its soma tile; further groups (fan-in beyond
 * one core's axons) are partial-sum tiles that point at it.
 */
final class Tile
{
    final int population;
    final int neuronOffset;
    final int neuronCount;
    final CoreRole role;
    /** For each axon (crossbar row): the projection index and the source neuron it carries. */
    final IntArrayList axonProjection = new IntArrayList();
    final IntArrayList axonSource = new IntArrayList();
    /** Index (in the tile list) of the soma tile holding these neurons; this tile's own index for a soma tile. */
    int somaTile;
    /** Core the placer put this tile on. */
    int coreId = -1;

    Tile(final int population, final int neuronOffset, final int neuronCount, final CoreRole role)
    {
        this.population = population;
        this.neuronOffset = neuronOffset;
        this.neuronCount = neuronCount;
        this.role = role;
    }

    int axonCount()
    {
        return axonProjection.size();
    }
}
