using StackExchange.Redis;

namespace WhetGateway.Storage.Redis;

/// <summary>
/// The store's steps, one Lua script each, so every step is one atomic round trip. A record and its claim share a
/// hash tag, so each script touches one slot and works on Redis Cluster. A claim's value is fingerprint + token,
/// compared whole: only its holder can renew, complete or release it.
/// </summary>
internal static class RedisScripts
{
    /// <summary>Returns {1, record}, or {0} after taking the claim, or {2, claim, remaining lease ms}.</summary>
    public static readonly LuaScript Begin = LuaScript.Prepare("""
        local record = redis.call('GET', @record)
        if record then return {1, record} end
        if redis.call('SET', @claim, @value, 'NX', 'PX', @leaseMs) then return {0} end
        return {2, redis.call('GET', @claim), redis.call('PTTL', @claim)}
        """);

    /// <summary>Returns 1 when the lease was extended, 0 when the claim is no longer held.</summary>
    public static readonly LuaScript Renew = LuaScript.Prepare("""
        if redis.call('GET', @claim) == @value then return redis.call('PEXPIRE', @claim, @leaseMs) end
        return 0
        """);

    /// <summary>
    /// Returns 1 after storing the record and announcing it, 0 when another claim or a record holds the key. A
    /// claim that expired with nobody taking its place still completes: its side effect did happen.
    /// </summary>
    public static readonly LuaScript Complete = LuaScript.Prepare("""
        local holder = redis.call('GET', @claim)
        if holder then
          if holder ~= @value then return 0 end
          redis.call('DEL', @claim)
        elseif redis.call('EXISTS', @record) == 1 then
          return 0
        end
        redis.call('SET', @record, @blob, 'PX', @ttlMs)
        redis.call('PUBLISH', @channel, @id)
        return 1
        """);

    /// <summary>Returns 1 after dropping the claim and announcing it, 0 when the claim is no longer held.</summary>
    public static readonly LuaScript Release = LuaScript.Prepare("""
        if redis.call('GET', @claim) == @value then
          redis.call('DEL', @claim)
          redis.call('PUBLISH', @channel, @id)
          return 1
        end
        return 0
        """);
}
