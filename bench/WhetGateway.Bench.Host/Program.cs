using WhetGateway.Bench.Host;
using WhetGateway.Hosting;

// The gateway as shipped, with the bench harness's counters on GET /_bench/counters.
var app = GatewayApplication.Create(args);
BenchCounters.Map(app);
await app.RunAsync();
