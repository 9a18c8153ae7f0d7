using System.IO.Compression;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>Request bodies compressed as a client would send them with a <c>Content-Encoding</c>.</summary>
public static class Compression
{
    public static byte[] Gzip(byte[] content) => Compress(content, stream => new GZipStream(stream, CompressionLevel.Fastest));

    public static byte[] Brotli(byte[] content) => Compress(content, stream => new BrotliStream(stream, CompressionLevel.Fastest));

    /// <summary>
    /// <paramref name="content"/> gzipped <paramref name="layers"/> times without compression (stored deflate blocks):
    /// every layer decodes to nearly the whole body again, so decoding costs layers × body size.
    /// </summary>
    public static byte[] GzipStoredLayers(byte[] content, int layers)
    {
        for (var layer = 0; layer < layers; layer++)
        {
            content = Compress(content, stream => new GZipStream(stream, CompressionLevel.NoCompression));
        }

        return content;
    }

    private static byte[] Compress(byte[] content, Func<Stream, Stream> compressor)
    {
        using var compressed = new MemoryStream();
        using (var stream = compressor(compressed))
        {
            stream.Write(content);
        }

        return compressed.ToArray();
    }
}
