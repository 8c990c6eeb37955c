package org.chipsim.examples;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.chipsim.compiler.Compilation;
import org.chipsim.compiler.CompileOptions;
import org.chipsim.compiler.PlacementReport;
import org.chipsim.compiler.PlacementStrategy;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.RateCoded;

/**
 * How long the compiler takes on a million-neuron network: the synthetic 8-layer topology scaled up (an input of
 * 65,536 and seven layers of 146,432 LIF neurons, 1,025,024 on chip, fan-in 10 from a window of 192, about 10 million
 * synapses) on a 90 x 90 mesh, compiled with each placement strategy. Not a test: a measurement for docs/compiler.md.
 *
 * <p>{@code java -Xmx8g -cp cli/target/chipsim.jar:examples/target/classes
 * org.chipsim.examples.Synthetic8LayerCompileTime [naive,greedy,anneal [LAYER_SIZE MESH_SIDE INPUTS]]}
 */
public final class Synthetic8LayerCompileTime
{
    static final int INPUTS = 65_536;
    static final int LAYER = 146_432;
    static final int LAYERS = 7;
    static final int FAN_IN = 10;
    static final int WINDOW = 192;
    static final int MESH = 90;

    private Synthetic8LayerCompileTime()
    {
    }

    public static Model build()
    {
        return build(INPUTS, LAYER, MESH);
    }

    /** The same topology with other sizes (7 layers of {@code layer} neurons on a {@code mesh} x {@code mesh} chip). */
    public static Model build(final int inputs, final int layer, final int mesh)
    {
        final SplittableRandom random = new SplittableRandom(42);
        final int[] layers = new int[LAYERS];
        Arrays.fill(layers, layer);
        final Synthetic8Layer.Wiring[] wiring = Synthetic8Layer.wiring(inputs, layers, FAN_IN, WINDOW, random);
        final RateCoded stimulus = Synthetic8Layer.stimulus(inputs, 2, 50, random);
        final double[] gains = new double[LAYERS];
        Arrays.fill(gains, 0.3);
        return Synthetic8Layer.model(String.format("synthetic-8layer-%dx%d", LAYERS, layer), inputs, layers, wiring,
            gains, stimulus, ChipSpec.newBuilder().setMeshWidth(mesh).setMeshHeight(mesh).build());
    }

    public static void main(final String[] args)
    {
        final String which = args.length > 0 ? args[0] : "naive,greedy,anneal";
        long start = System.nanoTime();
        final int layer = args.length > 1 ? Integer.parseInt(args[1]) : LAYER;
        final Model model = args.length > 3 ? build(Integer.parseInt(args[3]), layer, Integer.parseInt(args[2])) :
            build();
        System.out.printf("built %s: %,d neurons on chip in %.1f s%n", model.getName(), (long)layer * LAYERS,
            (System.nanoTime() - start) / 1e9);
        for (final String name : which.split(","))
        {
            final PlacementStrategy strategy = PlacementStrategy.parse(name);
            start = System.nanoTime();
            final Compilation compilation = org.chipsim.compiler.Compiler.compileWithReport(model,
                CompileOptions.defaults().withPlacement(strategy));
            final double seconds = (System.nanoTime() - start) / 1e9;
            final PlacementReport report = compilation.report();
            System.out.printf("%-7s compile %.1f s (placement %.1f s): %,d cores, est. %,.0f hop-weighted " +
                "packets/tick vs %,.0f naive (%.1f %% fewer)%n", strategy.label(), seconds,
                report.placementNanos() / 1e9, report.tiles(), report.cost(), report.naiveCost(),
                report.improvementPercent());
        }
    }
}
