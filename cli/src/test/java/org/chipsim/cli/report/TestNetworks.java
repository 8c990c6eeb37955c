package org.chipsim.cli.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.chipsim.proto.v1.Model;

/** The report tests' networks and JSON reading, for tests in other packages. */
public final class TestNetworks
{
    private TestNetworks()
    {
    }

    /** 300 Poisson inputs, 300 hidden neurons over partial-sum cores, 20 outputs; 3 samples of 40 ticks. */
    public static Model determinism()
    {
        return EnergyDeterminismTest.network();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> readJson(final Path file) throws IOException
    {
        return (Map<String, Object>)JsonReader.parse(Files.readString(file));
    }
}
