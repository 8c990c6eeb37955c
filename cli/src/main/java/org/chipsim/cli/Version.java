package org.chipsim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine;

/** The chipsim version, filtered into a resource at build time. */
final class Version implements CommandLine.IVersionProvider
{
    static String get()
    {
        try (InputStream in = Version.class.getResourceAsStream("/chipsim-version.properties"))
        {
            if (in == null)
            {
                return "unknown";
            }
            final Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        }
        catch (final IOException e)
        {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion()
    {
        return new String[] {"chipsim " + get(), "Java " + System.getProperty("java.version") + " (" +
            System.getProperty("java.vm.name") + ")"};
    }
}
