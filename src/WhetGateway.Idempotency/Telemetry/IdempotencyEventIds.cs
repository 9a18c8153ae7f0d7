namespace WhetGateway.Telemetry;

/// <summary>
/// The id of every event the engine, its stores and the gateway log, in one place so none is used twice and each
/// can be filtered on: 1–19 the request path, 20–29 scoping, 30–39 the stores, 40–49 configuration, 50–59 resources.
/// </summary>
internal static class IdempotencyEventIds
{
    public const int Outcome = 1;
    public const int PassedThrough = 2;
    public const int StoreUnavailable = 3;
    public const int RecordNotYetStored = 4;
    public const int ReleaseFailed = 5;
    public const int ClaimTakenOver = 6;
    public const int RenewFailed = 7;
    public const int RecordGivenUp = 8;
    public const int OutcomeUnknown = 9;

    public const int IntrospectionRefused = 20;
    public const int IntrospectionFailed = 21;
    public const int IntrospectionWithoutOrganization = 22;
    public const int IntrospectionBusy = 23;

    public const int InMemoryStoreFull = 30;
    public const int StoreMemoryHigh = 31;
    public const int StoreMemoryUnlimited = 32;
    public const int StoreMemoryUnread = 33;
    public const int BeginClaimNotAbandoned = 34;
    public const int ChangeSubscriptionFailed = 35;
    public const int EvictionPolicyRefused = 36;
    public const int EvictionPolicyUnread = 37;
    public const int EvictionPolicyUnchecked = 38;

    public const int PoliciesReloaded = 40;
    public const int PoliciesRefused = 41;
    public const int DemoSigningKeyInUse = 42;

    public const int ResourceTombstoneFailed = 50;
    public const int ResourceDeleted = 51;
}
