namespace WhetGateway.Storage;

/// <summary>
/// The idempotency store could not be reached, did not answer in time, or refused to take a new claim (the in-memory
/// store at its size limit). The message, or the inner exception's, says which: the middleware logs it.
/// </summary>
internal sealed class StoreUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
