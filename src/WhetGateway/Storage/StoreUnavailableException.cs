namespace WhetGateway.Storage;

/// <summary>The idempotency store could not be reached or did not answer in time.</summary>
internal sealed class StoreUnavailableException(string message, Exception innerException) : Exception(message, innerException);
