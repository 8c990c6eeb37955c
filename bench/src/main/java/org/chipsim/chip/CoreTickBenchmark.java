package org.chipsim.chip;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;

import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.CoreRole;
import org.chipsim.proto.v1.QuantizedLif;
import org.chipsim.proto.v1.Routes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One dense 256 x 256 core through one tick at 5 % input activity: 13 axons filed, delivered (13 x 256 SOPs) and 256
 * neurons updated. Reported per SOP, so the score is the kernel's cost of one synaptic event including its share of
 * the soma update. In the chipsim.chip package to reach the package-private core; bounds checks off, as in production
 * runs that ask for speed (-Dagrona.disable.bounds.checks=true).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"-Dagrona.disable.bounds.checks=true"})
public class CoreTickBenchmark
{
    static final int AXONS = 256;
    static final int NEURONS = 256;
    static final int SPIKES_PER_TICK = 13;

    @Param({"8", "16"})
    int weightBits;

    private Core core;
    private int[] axons;
    private long tick;

    @Setup
    public void setUp()
    {
        final SplittableRandom random = new SplittableRandom(1);
        final int bytes = weightBits <= 8 ? 1 : 2;
        final byte[] weights = new byte[AXONS * NEURONS * bytes];
        for (int i = 0; i < weights.length; i++)
        {
            weights[i] = (byte)(random.nextInt(255) - 127);
        }
        final Routes.Builder routes = Routes.newBuilder();
        final CoreProgram.Builder program = CoreProgram.newBuilder().setCoreId(0).setRole(CoreRole.CORE_ROLE_SOMA)
            .setNeuronCount(NEURONS).setAxonCount(AXONS).setWeights(ByteString.copyFrom(weights))
            // a threshold never reached: the benchmark measures delivery and update, not routing
            .setNeuron(QuantizedLif.newBuilder().setThreshold(Integer.MAX_VALUE).setDecayQ16(60_000));
        for (int n = 0; n <= NEURONS; n++)
        {
            routes.addStart(0);
        }
        for (int n = 0; n < NEURONS; n++)
        {
            program.addBias(0);
        }
        core = new Core(program.setRoutes(routes).build(), bytes, 17, 0, false);
        axons = new int[SPIKES_PER_TICK];
        for (int k = 0; k < SPIKES_PER_TICK; k++)
        {
            axons[k] = random.nextInt(AXONS / SPIKES_PER_TICK) + k * (AXONS / SPIKES_PER_TICK);
        }
    }

    @Benchmark
    @OperationsPerInvocation(SPIKES_PER_TICK * NEURONS)
    public void tick()
    {
        final long t = tick++;
        for (final int axon : axons)
        {
            core.fileSpike(axon, t);
        }
        core.deliver(t);
        core.fire(t, null);
    }
}
