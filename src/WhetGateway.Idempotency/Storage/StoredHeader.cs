namespace WhetGateway.Storage;

/// <summary>One response header as recorded: its name and every value, in order.</summary>
internal sealed record StoredHeader(string Name, string[] Values);
