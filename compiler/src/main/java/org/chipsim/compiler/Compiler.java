package org.chipsim.compiler;

import java.util.List;

import com.google.protobuf.ByteString;

import org.chipsim.core.NocSpecs;
import org.chipsim.core.ChipSpecs;
import org.chipsim.core.ErrorCode;
import org.chipsim.core.ModelException;
import org.chipsim.core.ModelValidator;
import org.chipsim.core.NetworkIndex;
import org.chipsim.core.layers.Layers;
import org.chipsim.core.neuron.Quantization;
import org.chipsim.core.neuron.WeightRounding;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.CoreRole;
import org.chipsim.proto.v1.InputSource;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.PopulationLayout;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.ProjectionLayout;
import org.chipsim.proto.v1.QuantizedLif;
import org.chipsim.proto.v1.Routes;

/**
 * Maps a {@link Model} onto its chip: partition → quantize → estimate traffic → place → route, giving an immutable
 * {@link ChipProgram}. Each step is its own class; this one only sequences them and assembles the program
 * (docs/compiler.md).
 */
public final class Compiler
{
    private Compiler()
    {
    }

    /** Compiles with the default options (annealed placement, seed 1, uniform rate estimate). */
    public static ChipProgram compile(final Model model)
    {
        return compile(model, CompileOptions.defaults());
    }

    public static ChipProgram compile(final Model model, final CompileOptions options)
    {
        return compileWithReport(model, options).program();
    }

    /** Compiles and reports the placement's estimated traffic x hops against naive placement. */
    public static Compilation compileWithReport(final Model model, final CompileOptions options)
    {
        final ChipSpec chip;
        try
        {
            chip = ModelValidator.validate(model);
        }
        catch (final ModelException e)
        {
            throw e.withDefaultCode(ErrorCode.MODEL_INVALID);
        }
        final Network network = model.getNetwork();
        final NetworkIndex index = new NetworkIndex(network);
        final ProjectionMatrix[] matrices = new ProjectionMatrix[network.getProjectionsCount()];
        for (int j = 0; j < matrices.length; j++)
        {
            final int source = index.indexOf(network.getProjections(j).getSource());
            final int target = index.indexOf(network.getProjections(j).getTarget());
            matrices[j] = new ProjectionMatrix(network.getProjections(j), index.size(source), index.size(target));
        }

        final List<Tile> partitioned = Partitioner.partition(network, index, chip);
        Placement.checkCapacity(partitioned, chip);
        AnnCompiler.checkTiles(partitioned, network, index, chip);
        final PopulationQuantization[] quantization = quantize(network, index, chip, partitioned);
        final double[] scale = new double[index.populationCount()];
        for (int p = 0; p < scale.length; p++)
        {
            scale[p] = quantization[p] == null ? 0.0 : quantization[p].scale;
        }

        final TrafficRates rates = options.profileTicks() > 0 ? TrafficRates.profiled(model, options.profileTicks()) :
            TrafficRates.uniform(model);
        final TrafficGraph graph = new TrafficGraph(partitioned, network, index, chip, rates, matrices, scale);
        checkRouterMemory(graph, partitioned, index, chip);
        final long placeStart = System.nanoTime();
        final Placement.Result placement = Placement.place(options.placement(), graph, chip, options.seed());
        final long placeNanos = System.nanoTime() - placeStart;
        final List<Tile> tiles = Placement.sortByCore(partitioned, placement.cores());
        final Routes[] routes = new RouteBuilder(network, index, chip, tiles).build(tiles);
        final PlacementReport report = new PlacementReport(options.placement(), options.seed(), rates.description(),
            tiles.size(), graph.spikePackets, graph.inputPackets, graph.psumPackets, placement.naiveCost(),
            placement.cost(), placeNanos);

        final ChipProgram.Builder program = ChipProgram.newBuilder()
            .setSchemaVersion(1)
            .setModelName(model.getName())
            .setChip(chip)
            .setStimulus(model.getStimulus())
            .setRun(model.getRun());
        final float[] row = new float[ChipSpecs.hostedNeuronsPerCore(chip)];
        final LearningCompiler learning = new LearningCompiler(network, index, chip);
        final boolean anyLearning = learning.anyLearning();
        final StpCompiler stp = new StpCompiler(network);
        final SbpCompiler sbp = new SbpCompiler(network, index, tiles);
        final TwoPhaseCompiler twoPhase = new TwoPhaseCompiler(model, index);
        final boolean anyStp = stp.any();
        final HybridCompiler hybrid = new HybridCompiler(network, index, chip.getAxonsPerCore());
        final boolean anyHybrid = hybrid.any();
        final LearnedStateCompiler state = new LearnedStateCompiler(model, index, tiles.size());
        final boolean anyState = state.any();
        for (int t = 0; t < tiles.size(); t++)
        {
            CoreProgram core = coreProgram(tiles.get(t), tiles, chip, matrices, quantization, routes[t], row);
            if (anyStp)
            {
                core = stp.addStp(core);
            }
            final double coreScale = quantization[tiles.get(t).population].scale;
            if (anyHybrid)
            {
                core = hybrid.addHybrid(core, coreScale);
            }
            core = anyLearning ? twoPhase.addTeaching(sbp.addRoutes(learning.addLearning(core, coreScale)), coreScale) :
                core;
            program.addCores(anyState ? state.add(core, t, coreScale) : core);
        }
        for (int p = 0; p < index.populationCount(); p++)
        {
            final PopulationLayout.Builder layout = PopulationLayout.newBuilder()
                .setName(index.name(p))
                .setSize(index.size(p))
                .setInput(index.isInput(p));
            // partition order: a population's blocks in neuron order, whatever cores they landed on
            for (final Tile tile : partitioned)
            {
                if (tile.population == p)
                {
                    if (tile.role == CoreRole.CORE_ROLE_SOMA)
                    {
                        layout.addSomaCores(tile.coreId);
                    }
                    else
                    {
                        layout.addPartialSumCores(tile.coreId);
                    }
                }
            }
            if (quantization[p] != null && quantization[p].ann != null)
            {
                layout.setWeightScale(quantization[p].scale);
            }
            else if (quantization[p] != null)
            {
                final WeightRounding rounding = WeightRounding.of(network, index, p, quantization[p].scale,
                    chip.getWeightBits());
                layout.setWeightScale(quantization[p].scale).setMaxWeightError(rounding.maxError())
                    .setRmsWeightError(rounding.rmsError()).setMaxAbsWeight(rounding.maxAbsWeight())
                    .setWeightCount(rounding.weights()).setWeightsRoundedToZero(rounding.roundedToZero());
            }
            program.addPopulations(layout);
            if (index.isInput(p))
            {
                program.addInputs(InputSource.newBuilder().setPopulation(p).setSize(index.size(p))
                    .setRoutes(routes[tiles.size() + p]));
            }
        }
        for (int j = 0; j < network.getProjectionsCount(); j++)
        {
            program.addProjections(projectionLayout(network.getProjections(j), index, matrices[j]));
        }
        return new Compilation(program.build(), report);
    }

    /** What a projection was in the model (kind, layer shapes, unique parameters) and its non-zero synapses. */
    private static ProjectionLayout projectionLayout(final Projection projection, final NetworkIndex index,
        final ProjectionMatrix matrix)
    {
        final int source = index.indexOf(projection.getSource());
        final int target = index.indexOf(projection.getTarget());
        final ProjectionLayout.Builder layout = ProjectionLayout.newBuilder()
            .setName(ModelValidator.projectionName(projection))
            .setSource(source)
            .setTarget(target)
            .setSynapses(matrix.nonZeroCount());
        if (Layers.isLayer(projection))
        {
            final Layers.Geometry g = Layers.geometry(layout.getName(), projection, index.size(source),
                index.size(target));
            layout.setKind(g.kind().field()).setDescription(g.describe())
                .setUniqueParameters(Layers.uniqueParameters(projection));
        }
        else
        {
            layout.setKind(projection.getWeightsCount() > 0 ? "dense" : projection.getSynapsesCount() > 0 ?
                "synapses" : "sparse");
        }
        return layout.build();
    }

    /** Refuses a mapping in which a core's routing table exceeds chip.max_routing_entries_per_core (0 = no limit). */
    private static void checkRouterMemory(final TrafficGraph graph, final List<Tile> tiles, final NetworkIndex index,
        final ChipSpec chip)
    {
        final long limit = Integer.toUnsignedLong(chip.getMaxRoutingEntriesPerCore());
        if (limit == 0)
        {
            return;
        }
        for (int t = 0; t < tiles.size(); t++)
        {
            if (graph.routeEntries[t] > limit)
            {
                final Tile tile = tiles.get(t);
                throw new ModelException(ErrorCode.CHIP_TOO_SMALL,
                    String.format("the core holding population '%s' neurons %d..%d needs %,d " +
                    "routing entries but chip.max_routing_entries_per_core is %,d; reduce the fan-out of those " +
                    "neurons or raise the limit (--max-routing-entries)", index.name(tile.population),
                    tile.neuronOffset, tile.neuronOffset + tile.neuronCount - 1, graph.routeEntries[t], limit));
            }
        }
    }

    /** Quantization of one target population. */
    private static final class PopulationQuantization
    {
        double scale;
        QuantizedLif lif;
        int[] biases;
        /** ANN-mode populations only. */
        AnnCompiler.AnnQuantized ann;
    }

    private static PopulationQuantization[] quantize(final Network network, final NetworkIndex index,
        final ChipSpec chip, final List<Tile> tiles)
    {
        final PopulationQuantization[] result = new PopulationQuantization[index.populationCount()];
        final long maxWeight = Quantization.maxWeight(chip.getWeightBits());
        for (int p = 0; p < index.populationCount(); p++)
        {
            if (index.isInput(p))
            {
                continue;
            }
            final PopulationQuantization q = new PopulationQuantization();
            if (network.getPopulations(p).hasAnn())
            {
                q.ann = AnnCompiler.quantize(network, index, chip, p);
                q.scale = q.ann.accScale();
                q.lif = AnnCompiler.UNUSED_LIF.toBuilder().setScale(q.scale).build();
                q.biases = q.ann.biases();
                result[p] = q;
                continue;
            }
            q.scale = Quantization.populationScale(network, index, p, chip.getWeightBits());
            q.lif = Quantization.quantizeLif(index.name(p), network.getPopulations(p).getLif(), q.scale,
                chip.getMembraneBits(), chip.getAccumulatorBits());
            q.biases = Quantization.quantizeBiases(network, index, p, q.scale);
            result[p] = q;
        }
        // A block's dendrite sums its whole fan-in (all of its tiles) in 32 bits: refuse fan-ins that could overflow.
        final long[] blockFanIn = new long[tiles.size()];
        for (final Tile tile : tiles)
        {
            blockFanIn[tile.somaTile] += tile.axonCount();
        }
        for (int t = 0; t < tiles.size(); t++)
        {
            if (blockFanIn[t] * maxWeight > Integer.MAX_VALUE)
            {
                final Tile tile = tiles.get(t);
                throw new ModelException(ErrorCode.CHIP_TOO_SMALL,
                    "population '" + index.name(tile.population) + "': fan-in " + blockFanIn[t] +
                    " x largest weight " + maxWeight + " could overflow the 32-bit dendrite accumulator; " +
                    "use fewer weight_bits or a sparser projection");
            }
        }
        return result;
    }

    private static CoreProgram coreProgram(final Tile tile, final List<Tile> tiles, final ChipSpec chip,
        final ProjectionMatrix[] matrices, final PopulationQuantization[] quantization, final Routes routes,
        final float[] row)
    {
        final PopulationQuantization q = quantization[tile.population];
        final int weightBytes = ChipSpecs.weightBytes(chip);
        final byte[] weights = new byte[tile.axonCount() * tile.neuronCount * weightBytes];
        int at = 0;
        for (int a = 0; a < tile.axonCount(); a++)
        {
            final int projection = tile.axonProjection.getInt(a);
            matrices[projection].row(tile.axonSource.getInt(a), tile.neuronOffset,
                tile.neuronOffset + tile.neuronCount, row);
            for (int c = 0; c < tile.neuronCount; c++)
            {
                final int w = q.ann != null ? q.ann.weight(row[c], projection, chip.getWeightBits()) :
                    Quantization.quantizeWeight(row[c], q.scale, chip.getWeightBits());
                weights[at++] = (byte)w;
                if (weightBytes == 2)
                {
                    weights[at++] = (byte)(w >> 8);
                }
            }
        }
        final int x = tile.coreId % NocSpecs.gridWidth(chip);
        final int y = tile.coreId / NocSpecs.gridWidth(chip);
        final CoreProgram.Builder core = CoreProgram.newBuilder()
            .setCoreId(tile.coreId)
            .setX(x)
            .setY(y)
            .setRole(tile.role)
            .setPopulation(tile.population)
            .setNeuronOffset(tile.neuronOffset)
            .setNeuronCount(tile.neuronCount)
            .setAxonCount(tile.axonCount())
            .setWeights(ByteString.copyFrom(weights));
        for (int a = 0; a < tile.axonCount(); a++)
        {
            core.addAxonProjection(tile.axonProjection.getInt(a)).addAxonSourceNeuron(tile.axonSource.getInt(a));
        }
        if (tile.role == CoreRole.CORE_ROLE_SOMA)
        {
            core.setNeuron(q.lif).setRoutes(routes);
            if (q.ann != null)
            {
                core.setAnn(q.ann.ann());
            }
            for (int n = 0; n < tile.neuronCount; n++)
            {
                core.addBias(q.biases[tile.neuronOffset + n]);
            }
        }
        else
        {
            core.setPsumTargetCore(tiles.get(tile.somaTile).coreId);
        }
        return core.build();
    }
}
