package org.chipsim.chip;

/**
 * One worker's side of the congestion model ({@link NocModel}): the packets its sources emit in one phase of a tick,
 * in emission order (this list), and the packets the model delivered to the worker's cores ({@link #delivered}). Only
 * the worker writes the emitted packets and only the model (on worker 0, between two barriers) reads them and writes
 * the delivered ones.
 */
final class NocTraffic extends PacketList
{
    final PacketList delivered = new PacketList();
}
