using System.Runtime.CompilerServices;

namespace WhetGateway.Idempotency.Fingerprinting;

/// <summary>Room on the stack for the members of a small object (members hold references, so they cannot be stackalloc'ed).</summary>
[InlineArray(Capacity)]
internal struct StackMembers
{
    public const int Capacity = 16;

    private ObjectMember _first;
}
