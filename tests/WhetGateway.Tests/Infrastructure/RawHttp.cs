using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>
/// HTTP/1.1 over a bare socket, for requests HttpClient refuses to send: wrong lengths, odd chunking, raw header
/// bytes. The request should ask for <c>Connection: close</c>; the answer is read until the server closes.
/// </summary>
public static class RawHttp
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    /// <param name="halfClose">Shut down the sending side after the request, as a client that sent all it will.</param>
    public static async Task<RawResponse> SendAsync(Uri server, byte[] request, bool halfClose = false)
    {
        using var timeout = new CancellationTokenSource(Limit);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.Host, server.Port, timeout.Token);
        var reading = ReadToEndAsync(socket, timeout.Token);
        try
        {
            await socket.SendAsync(request, SocketFlags.None, timeout.Token);
            if (halfClose)
            {
                socket.Shutdown(SocketShutdown.Send);
            }
        }
        catch (SocketException)
        {
            // The server may answer and close before it has read everything (a 413, say): the answer still counts.
        }

        return Parse(await reading);
    }

    private static async Task<byte[]> ReadToEndAsync(Socket socket, CancellationToken cancellationToken)
    {
        using var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (SocketException)
        {
            // A reset after the answer: keep what arrived.
        }

        return received.ToArray();
    }

    private static RawResponse Parse(byte[] received)
    {
        var text = Encoding.Latin1.GetString(received);

        // Interim answers (100 Continue) come before the real one.
        while (text.StartsWith("HTTP/1.1 1", StringComparison.Ordinal) && text.IndexOf("\r\n\r\n", StringComparison.Ordinal) is var interimEnd and >= 0)
        {
            text = text[(interimEnd + 4)..];
        }

        var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = headEnd < 0 ? text : text[..headEnd];
        var body = headEnd < 0 ? string.Empty : text[(headEnd + 4)..];
        if (head.Contains("\r\nTransfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }
        var parts = head.Split(' ', 3);
        int? status = parts.Length >= 2 && parts[0].StartsWith("HTTP/", StringComparison.Ordinal)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null;
        return new RawResponse(status, head, body);
    }

    /// <summary>The payload of a chunked body, as far as it is well formed.</summary>
    private static string Dechunk(string chunked)
    {
        var payload = new StringBuilder();
        var position = 0;
        while (chunked.IndexOf("\r\n", position, StringComparison.Ordinal) is var sizeEnd and >= 0
            && int.TryParse(chunked.AsSpan(position, sizeEnd - position).ToString().Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size)
            && size > 0 && sizeEnd + 2 + size <= chunked.Length)
        {
            payload.Append(chunked, sizeEnd + 2, size);
            position = sizeEnd + 2 + size + 2;
        }

        return payload.ToString();
    }
}
