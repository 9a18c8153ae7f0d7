using System.Net;
using System.Net.Sockets;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>Loopback ports nobody listens on at the moment of asking.</summary>
public static class FreePorts
{
    /// <summary>A cluster node also listens on its port + 10000 (the cluster bus), so both must be free.</summary>
    private const int ClusterBusOffset = 10000;

    // Node ports and their bus ports both stay below Linux's ephemeral range (32768 and up), where outgoing
    // connections take their local ports.
    private const int FirstClusterPort = 20000;
    private const int LastClusterPort = 22700;

    private static int s_next = Random.Shared.Next(FirstClusterPort, LastClusterPort);

    /// <summary>A port the kernel hands out as free.</summary>
    public static int Any()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A port that is free together with its cluster bus port, port + 10000.</summary>
    public static int ForClusterNode()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Interlocked.Increment(ref s_next);
            if (port > LastClusterPort)
            {
                Interlocked.Exchange(ref s_next, FirstClusterPort);
                continue;
            }

            if (IsFree(port) && IsFree(port + ClusterBusOffset))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free port pair for a Redis Cluster node.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
