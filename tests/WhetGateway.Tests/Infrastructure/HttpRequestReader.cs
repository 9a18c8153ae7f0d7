using System.Globalization;
using System.Text;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>Reads HTTP/1.1 requests, with a Content-Length or chunked body, off a connection.</summary>
internal sealed class HttpRequestReader(Stream stream)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// <summary>The request line and headers of the last request read, lines joined by CRLF.</summary>
    public string Head { get; private set; } = string.Empty;

    /// <summary>Reads one whole request; false when the connection closed first.</summary>
    public async Task<bool> ReadRequestAsync(CancellationToken cancellationToken)
    {
        var head = await ReadLineBlockAsync(cancellationToken);
        if (head is null)
        {
            return false;
        }

        Head = head;
        var lines = head.Split("\r\n");
        var length = lines.Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(parts => long.Parse(parts[1].Trim(), CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var chunked = lines.Any(line => line.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase) && line.Contains("chunked", StringComparison.OrdinalIgnoreCase));
        return chunked ? await SkipChunkedAsync(cancellationToken) : await SkipAsync(length, cancellationToken);
    }

    public async Task WaitForCloseAsync(CancellationToken cancellationToken)
    {
        while (await stream.ReadAsync(_buffer, cancellationToken) > 0)
        {
        }
    }

    private async Task<bool> SkipChunkedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var sizeLine = await ReadLineAsync(cancellationToken);
            if (sizeLine is null)
            {
                return false;
            }

            var size = long.Parse(sizeLine.Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return await ReadLineBlockAsync(cancellationToken) is not null;
            }

            if (!await SkipAsync(size, cancellationToken) || await ReadLineAsync(cancellationToken) is null)
            {
                return false;
            }
        }
    }

    private async Task<bool> SkipAsync(long count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (_start == _end && !await FillAsync(cancellationToken))
            {
                return false;
            }

            var taken = (int)Math.Min(count, _end - _start);
            _start += taken;
            count -= taken;
        }

        return true;
    }

    /// <summary>Lines up to an empty one (the request head, or a chunked body's trailers), without the final CRLF CRLF.</summary>
    private async Task<string?> ReadLineBlockAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken);
            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                return string.Join("\r\n", lines);
            }

            lines.Add(line);
        }
    }

    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
            if (newline >= 0)
            {
                var line = Encoding.Latin1.GetString(_buffer, _start, newline);
                _start += newline + 2;
                return line;
            }

            if (!await FillAsync(cancellationToken))
            {
                return null;
            }
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        return read > 0;
    }
}
