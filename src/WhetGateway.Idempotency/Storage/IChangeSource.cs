namespace WhetGateway.Storage;

/// <summary>What a <see cref="ChangeNotifier"/> asks of its store to watch one key for this instance's waiters.</summary>
internal interface IChangeSource
{
    /// <summary>
    /// Starts delivering the key's change notices from other instances to <paramref name="changed"/>, until
    /// <paramref name="until"/> is cancelled; completes once listening. A store whose changes are all in-process
    /// has nothing to listen to.
    /// </summary>
    ValueTask ListenAsync(RecordId id, Action changed, CancellationToken until);

    /// <summary>
    /// Says this instance waits on the key, so that a completion or release is announced, and looks at it: how long
    /// its claim in flight lasts unless renewed, or null when no claim is in flight any more.
    /// </summary>
    ValueTask<TimeSpan?> AwaitClaimAsync(RecordId id, CancellationToken cancellationToken);
}
