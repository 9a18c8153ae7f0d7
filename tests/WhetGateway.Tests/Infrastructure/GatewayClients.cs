using System.Net.Http.Headers;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>Clients of a gateway, wherever it runs.</summary>
public static class GatewayClients
{
    /// <summary>A client of the gateway at <paramref name="address"/> that presents <paramref name="credential"/> (none when null).</summary>
    /// <param name="address">The gateway.</param>
    /// <param name="credential">The <c>Authorization</c> header, or null.</param>
    /// <param name="followRedirects">Whether a 3xx is followed, as by default, or handed to the test as it came.</param>
    public static HttpClient Create(Uri address, string? credential, bool followRedirects = true)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = followRedirects }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        if (credential is not null)
        {
            client.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(credential);
        }

        return client;
    }
}
