using System.Buffers;

namespace WhetGateway.Buffers;

/// <summary>Growth of arrays rented from <see cref="ArrayPool{T}.Shared"/>: the one place that moves a buffer to a larger one.</summary>
internal static class PooledArray
{
    /// <summary>
    /// Moves <paramref name="array"/> to a pooled array of at least <paramref name="length"/> items, keeping its first
    /// <paramref name="used"/> items, and returns the old one to the pool.
    /// </summary>
    public static void Resize<T>(ref T[] array, int used, int length)
    {
        var larger = ArrayPool<T>.Shared.Rent(length);
        array.AsSpan(0, used).CopyTo(larger);
        ArrayPool<T>.Shared.Return(array);
        array = larger;
    }

    /// <summary>Makes room for <paramref name="needed"/> more items after the first <paramref name="used"/>, at least doubling.</summary>
    public static void EnsureRoom<T>(ref T[] array, int used, int needed)
    {
        if (array.Length - used < needed)
        {
            Resize(ref array, used, Math.Max(array.Length * 2, used + needed));
        }
    }

    /// <summary>Returns <paramref name="rented"/> to the pool, when an array was rented at all.</summary>
    public static void Return<T>(T[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }
}
