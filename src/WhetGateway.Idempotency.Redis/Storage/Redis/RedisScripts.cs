using StackExchange.Redis;

namespace WhetGateway.Storage.Redis;

/// <summary>
/// The store's steps that need a fenced compare-and-set, one Lua script each, so every step is one atomic round trip
/// (begin under at-least-once and replay are a plain <c>SET … NX GET</c>, sent by the store). A key's one value
/// (<see cref="RedisKeyValue"/>) is its claim or its record; every key of a record shares its hash tag, so each script
/// touches one slot and works on Redis Cluster. A claim is compared whole, up to the flags Redis appends to it: only
/// its holder can renew, complete or release it. An at-most-once claim also has a marker key that outlives its lease,
/// so a claim whose holder died is remembered; the claim's flags say whether it has one and whether an instance waits
/// on it, so a completion looks at no other key.
/// </summary>
internal static class RedisScripts
{
    /// <summary>Whether the claim held (a value of the key) has a flag (<see cref="RedisKeyValue"/>).</summary>
    private static readonly string ClaimFlags = $$"""
        local function flagged(held, flag)
          return string.byte(held) == {{RedisKeyValue.ClaimTag}} and string.find(held, flag, {{RedisKeyValue.ClaimSize + 1}}, true) ~= nil
        end

        """;

    /// <summary>
    /// Announces a change of the key on its sharded channel (the key's own slot) when the claim it replaced was
    /// awaited (<see cref="AwaitClaim"/> flags it): a change nobody waits for costs no message, and no look at another key.
    /// </summary>
    private static readonly string Announce = ClaimFlags + $$"""
        local function announceIfAwaited(held)
          if held and flagged(held, '{{RedisKeyValue.AwaitedFlag}}') then redis.call('SPUBLISH', @channel, 1) end
        end

        """;

    /// <summary>
    /// Flags the key's claim in flight as awaited, so its completion or release is announced, then returns the
    /// remaining lease of that claim, or 0 when there is none (a record, or nothing, holds the key).
    /// </summary>
    public static readonly LuaScript AwaitClaim = LuaScript.Prepare(ClaimFlags + $$"""
        local held = redis.call('GET', @record)
        if not held or string.byte(held) ~= {{RedisKeyValue.ClaimTag}} then return 0 end
        if not flagged(held, '{{RedisKeyValue.AwaitedFlag}}') then
          redis.call('SET', @record, held .. '{{RedisKeyValue.AwaitedFlag}}', 'KEEPTTL')
        end
        return math.max(0, redis.call('PTTL', @record))
        """);

    /// <summary>
    /// The begin under at-most-once: returns what holds the key, or nothing after taking the claim (flagged as having
    /// a marker), which leaves a marker holding the claim that outlives its lease by the record's lifetime
    /// (<c>rememberMs</c>) and that completing or releasing the claim drops. A begin that finds the marker without a
    /// claim (its holder died mid-call, or cannot reach Redis) stores an outcome_unknown value, stamped with Redis's
    /// time and naming the lapsed claim (so that claim can still complete, see <see cref="Complete"/>), for the
    /// marker's remaining time, and returns it; the lapsed claim's waiters see it when they look at its lease's end.
    /// </summary>
    public static readonly LuaScript BeginRemembered = LuaScript.Prepare($$"""
        local held = redis.call('GET', @record)
        if held then return held end
        local remembered = redis.call('PTTL', @marker)
        if remembered > 0 then
          local clock = redis.call('TIME')
          local unknown = '{{RedisKeyValue.UnknownTag}}' .. (tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000))
            .. '{{RedisKeyValue.LapsedSeparator}}' .. redis.call('GET', @marker)
          redis.call('SET', @record, unknown, 'PX', remembered)
          redis.call('DEL', @marker)
          return unknown
        end
        redis.call('SET', @record, @value .. '{{RedisKeyValue.MarkedFlag}}', 'PX', @leaseMs)
        redis.call('SET', @marker, @value, 'PX', @rememberMs)
        return false
        """);

    /// <summary>Returns 1 when the lease was extended, 0 when the claim is no longer held.</summary>
    public static readonly LuaScript Renew = LuaScript.Prepare($$"""
        local held = redis.call('GET', @record)
        if held and string.sub(held, 1, {{RedisKeyValue.ClaimSize}}) == @value then return redis.call('PEXPIRE', @record, @leaseMs) end
        return 0
        """);

    /// <summary>
    /// Returns 1 after storing the record in the claim's place (dropping the marker of an at-most-once claim, announcing
    /// an awaited one), 0 when another claim or a record (a tombstone written while the claim was open) holds the key.
    /// Only the key itself is read: the claim's flags say what else there is to do. A claim that expired with nobody
    /// taking its place still completes: its side effect did happen. So does one whose lapse a begin turned into
    /// outcome_unknown (the value ends with the claim): outcome_unknown lets no call run, so the claim's call is the
    /// only one.
    /// </summary>
    public static readonly LuaScript Complete = LuaScript.Prepare(Announce + $$"""
        local held = redis.call('GET', @record)
        local claimed = held and string.sub(held, 1, {{RedisKeyValue.ClaimSize}}) == @value
        if held and not claimed
          and string.match(held, '^{{RedisKeyValue.UnknownTag}}%d+{{RedisKeyValue.LapsedSeparator}}(.*)$') ~= @value then
          return 0
        end
        redis.call('SET', @record, @blob, 'PX', @ttlMs)
        if not held or (claimed and flagged(held, '{{RedisKeyValue.MarkedFlag}}')) then redis.call('DEL', @marker) end
        if claimed then announceIfAwaited(held) end
        return 1
        """);

    /// <summary>
    /// Ties a record to a resource in one scope's index (a sorted set of "id tombstone-ttl-ms" scored by the record's
    /// expiry), unless a deletion of the resource in that scope (or by the operator) is not older than the record's
    /// claim: then returns 1 and the caller records a tombstone. Times are Redis's own clock (the claim's age comes
    /// from the gateway's monotonic clock), so gateways whose wall clocks disagree cannot misorder a claim and a
    /// deletion. Drops up to 64 expired ties as it goes; the index, and the set of scopes that have one, live as long
    /// as their longest-lived record. All keys share the resource's hash tag.
    /// </summary>
    public static readonly LuaScript Tie = LuaScript.Prepare("""
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
        local claimedAt = now - tonumber(@claimAgeMs)
        for _, marker in ipairs({@resource .. 'd:' .. @tag, @resource .. 'd:all'}) do
          local deleted = redis.call('GET', marker)
          if deleted and tonumber(deleted) >= claimedAt then return 1 end
        end
        local index = @resource .. 'i:' .. @tag
        local expired = redis.call('ZRANGE', index, '-inf', now, 'BYSCORE', 'LIMIT', 0, 64)
        if #expired > 0 then redis.call('ZREM', index, unpack(expired)) end
        local expiresAt = now + tonumber(@lifetimeMs)
        redis.call('ZADD', index, expiresAt, @id .. ' ' .. @tombstoneTtlMs)
        local scopes = @resource .. 'scopes'
        redis.call('SADD', scopes, @tag)
        for _, key in ipairs({index, scopes}) do
          if redis.call('PEXPIRETIME', key) < expiresAt then redis.call('PEXPIREAT', key, expiresAt) end
        end
        return 0
        """);

    /// <summary>
    /// One bounded step of a resource's eviction: on the first step, remembers the deletion (Redis's time) under
    /// each of the space-separated <c>markers</c>; then takes up to <c>chunk</c> ties out of the indexes of the
    /// space-separated <c>tags</c> (or, when none are given, of any scope that has one) and hands back
    /// {now ms, 1 if more remain, "id ttl-ms", …}, leaving out ties whose records have expired.
    /// </summary>
    public static readonly LuaScript Evict = LuaScript.Prepare("""
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
        if @first == '1' then
          for marker in string.gmatch(@markers, '%S+') do
            redis.call('SET', @resource .. 'd:' .. marker, now, 'PX', @rememberMs)
          end
        end
        local scopes = @resource .. 'scopes'
        local tags = {}
        if @tags == '' then
          tags = redis.call('SRANDMEMBER', scopes, 8)
        else
          for tag in string.gmatch(@tags, '%S+') do table.insert(tags, tag) end
        end
        local budget = tonumber(@chunk)
        local out = {now, 0}
        for _, tag in ipairs(tags) do
          if budget == 0 then
            out[2] = 1
            break
          end
          local index = @resource .. 'i:' .. tag
          local popped = redis.call('ZPOPMIN', index, budget)
          for i = 1, #popped, 2 do
            if tonumber(popped[i + 1]) > now then table.insert(out, popped[i]) end
          end
          budget = budget - #popped / 2
          if redis.call('EXISTS', index) == 1 then out[2] = 1 else redis.call('SREM', scopes, tag) end
        end
        if @tags == '' and redis.call('SCARD', scopes) > 0 then out[2] = 1 end
        return out
        """);

    /// <summary>Writes a tombstone in a record's place; a claim still open then fails to complete. Returns 1.</summary>
    public static readonly LuaScript Tombstone = LuaScript.Prepare(Announce + """
        announceIfAwaited(redis.call('SET', @record, @blob, 'PX', @ttlMs, 'GET'))
        return 1
        """);

    /// <summary>Returns {value, ttl ms} of what holds the key (a ttl of -1 means none), or {} when nothing does.</summary>
    public static readonly LuaScript Inspect = LuaScript.Prepare("""
        local held = redis.call('GET', @record)
        if held then return {held, redis.call('PTTL', @record)} end
        return {}
        """);

    /// <summary>Returns how many of the key's value and at-most-once marker were deleted, after announcing the change.</summary>
    public static readonly LuaScript Delete = LuaScript.Prepare(Announce + """
        local held = redis.call('GET', @record)
        local deleted = redis.call('DEL', @record, @marker)
        announceIfAwaited(held)
        return deleted
        """);

    /// <summary>
    /// Returns 1 after dropping the claim (and its at-most-once marker) and announcing it, 0 when the claim is no
    /// longer held: a lapsed at-most-once claim stays remembered.
    /// </summary>
    public static readonly LuaScript Release = LuaScript.Prepare(Announce + $$"""
        local held = redis.call('GET', @record)
        if held and string.sub(held, 1, {{RedisKeyValue.ClaimSize}}) == @value then
          redis.call('DEL', @record, @marker)
          announceIfAwaited(held)
          return 1
        end
        return 0
        """);
}
