using WhetGateway.Hosting;

await GatewayApplication.Create(args).RunAsync();
