using System.Net.Http.Headers;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>Clients of a gateway, wherever it runs.</summary>
public static class GatewayClients
{
    /// <summary>A client of the gateway at <paramref name="address"/> that presents <paramref name="credential"/> (none when null).</summary>
    public static HttpClient Create(Uri address, string? credential)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        if (credential is not null)
        {
            client.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(credential);
        }

        return client;
    }
}
