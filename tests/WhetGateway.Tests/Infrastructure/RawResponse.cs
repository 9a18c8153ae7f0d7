namespace WhetGateway.Tests.Infrastructure;

/// <summary>What came back on a raw connection: the status (null when the server closed without answering), head and body.</summary>
public sealed record RawResponse(int? Status, string Head, string Body);
